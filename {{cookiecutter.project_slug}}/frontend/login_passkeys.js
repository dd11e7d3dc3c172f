// @ts-check
/**
 * Signing in where users may have a second factor and passkeys: the password answers a challenge
 * instead of tokens for them, and a code (authenticator app or recovery code) or one of their
 * passkeys answers it. A passkey also signs in alone ("Sign in with a passkey"): the browser
 * offers the passkeys it has for this site, no account named. The challenge lives in this
 * function's memory only: a reload starts again from the password.
 */
import { post, signIn } from "./api.js";

/** @typedef {import("./schema").components["schemas"]} Schemas */

const status = /** @type {HTMLElement} */ (document.getElementById("status"));
const passwordForm = /** @type {HTMLFormElement} */ (document.getElementById("sign-in"));
const codeForm = /** @type {HTMLFormElement} */ (document.getElementById("second-factor"));
const usePasskey = /** @type {HTMLButtonElement} */ (document.getElementById("use-passkey"));

/**
 * Sign in with the form's credentials, or with a passkey alone where the form was sent with its
 * passkey button (`method`): null once signed in, else what to tell the user.
 * @param {Parameters<typeof signIn>[0] & { method?: string }} credentials
 * @returns {Promise<string | null>}
 */
export async function logIn({ method, ...credentials }) {
  if (method === "passkey") {
    const answer = await withPasskey("/api/token/passkey/options/", "/api/token/passkey/", {});
    if (answer === null) {
      return "No passkey was chosen: sign in again.";
    }
    return answer.ok ? null : "That passkey was refused.";
  }
  const answer = await signIn(credentials);
  if (typeof answer === "string") {
    return answer;
  }
  return "challenge" in answer ? answerChallenge(answer) : null;
}

/**
 * Ask the browser for an assertion of one of this site's passkeys, for the options the API
 * answers at `optionsPath`, and send it with `body` to `answerPath`: the API's answer, or null
 * if the user dismissed the browser's prompt.
 * @param {"/api/token/passkey/options/" | "/api/token/second-factor/passkey/options/"} optionsPath
 * @param {"/api/token/passkey/" | "/api/token/second-factor/passkey/"} answerPath
 * @param {object} body
 */
async function withPasskey(optionsPath, answerPath, body) {
  const options = await post(optionsPath, body);
  if (!options.ok) {
    return options;
  }
  const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(options.body);
  const credential = await navigator.credentials.get({ publicKey }).catch(() => null);
  if (!(credential instanceof PublicKeyCredential)) {
    return null;
  }
  return post(answerPath, { ...body, credential: credential.toJSON() });
}

/**
 * Ask for codes or a passkey until one answers `challenge`; the API ends the attempts (the
 * challenge expires, and it limits wrong answers).
 * @param {Schemas["SecondFactorChallenge"]} challenge
 * @returns {Promise<string | null>}
 */
async function answerChallenge(challenge) {
  const passkey = challenge.methods.includes("passkey");
  passwordForm.hidden = true;
  codeForm.hidden = false;
  usePasskey.hidden = !passkey;
  status.textContent = passkey
    ? "Use your passkey, or enter a code from your authenticator app or a recovery code."
    : "Enter the code from your authenticator app, or a recovery code.";
  try {
    for (;;) {
      const code = await nextCode();
      const body = { challenge: challenge.challenge };
      const answer =
        code === null
          ? await withPasskey(
              "/api/token/second-factor/passkey/options/",
              "/api/token/second-factor/passkey/",
              body,
            )
          : await post("/api/token/second-factor/", { ...body, ...code });
      if (answer?.ok) {
        return null;
      }
      if (answer?.status === 429) {
        return "Too many wrong codes: wait a few minutes, then sign in again.";
      }
      if (answer !== null && answer.body?.code !== "second_factor_code") {
        return "The sign-in took too long: sign in again.";
      }
      status.textContent = `That ${code === null ? "passkey" : "code"} was refused: try again.`;
    }
  } finally {
    codeForm.reset();
    codeForm.hidden = true;
  }
}

/**
 * What the user answers with next: six digits from the authenticator app, a recovery code, or
 * (null) their passkey.
 * @returns {Promise<{ totp: string } | { recovery_code: string } | null>}
 */
function nextCode() {
  return new Promise((resolve) => {
    const controller = new AbortController();
    const once = { once: true, signal: controller.signal };
    codeForm.addEventListener(
      "submit",
      (event) => {
        event.preventDefault();
        controller.abort();
        const code = String(new FormData(codeForm).get("code")).trim();
        resolve(/^\d{6}$/.test(code) ? { totp: code } : { recovery_code: code });
      },
      once,
    );
    usePasskey.addEventListener(
      "click",
      () => {
        controller.abort();
        resolve(null);
      },
      once,
    );
  });
}
