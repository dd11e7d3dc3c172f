// @ts-check
/**
 * Signing in where users may have turned on a second factor: for them the password answers a
 * challenge instead of tokens, and a code from their authenticator app (or a recovery code)
 * answers the challenge within its few minutes. The challenge lives in this function's memory
 * only: a reload starts again from the password.
 */
import { post, signIn } from "./api.js";

/** @typedef {import("./schema").components["schemas"]} Schemas */

const status = /** @type {HTMLElement} */ (document.getElementById("status"));
const passwordForm = /** @type {HTMLFormElement} */ (document.getElementById("sign-in"));
const codeForm = /** @type {HTMLFormElement} */ (document.getElementById("second-factor"));

/**
 * Sign in with the form's credentials: null once signed in, else what to tell the user.
 * @param {Parameters<typeof signIn>[0]} credentials
 * @returns {Promise<string | null>}
 */
export async function logIn(credentials) {
  const answer = await signIn(credentials);
  if (typeof answer === "string") {
    return answer;
  }
  return "challenge" in answer ? answerChallenge(answer) : null;
}

/**
 * Ask for codes until one answers `challenge`; the API ends the attempts (the challenge expires,
 * and it limits wrong codes).
 * @param {Schemas["SecondFactorChallenge"]} challenge
 * @returns {Promise<string | null>}
 */
async function answerChallenge(challenge) {
  passwordForm.hidden = true;
  codeForm.hidden = false;
  status.textContent = "Enter the code from your authenticator app, or a recovery code.";
  try {
    for (;;) {
      /** @type {Schemas["SecondFactor"]} */
      const body = { challenge: challenge.challenge, ...(await nextCode()) };
      const answer = await post("/api/token/second-factor/", body);
      if (answer.ok) {
        return null;
      }
      if (answer.status === 429) {
        return "Too many wrong codes: wait a few minutes, then sign in again.";
      }
      if (answer.body?.code !== "second_factor_code") {
        return "The sign-in took too long: sign in again.";
      }
      status.textContent = "That code was refused: try again.";
    }
  } finally {
    codeForm.reset();
    codeForm.hidden = true;
  }
}

/**
 * The next code the user sends: six digits from the authenticator app, or a recovery code.
 * @returns {Promise<{ totp: string } | { recovery_code: string }>}
 */
function nextCode() {
  return new Promise((resolve) => {
    codeForm.addEventListener(
      "submit",
      (event) => {
        event.preventDefault();
        const code = String(new FormData(codeForm).get("code")).trim();
        resolve(/^\d{6}$/.test(code) ? { totp: code } : { recovery_code: code });
      },
      { once: true },
    );
  });
}
