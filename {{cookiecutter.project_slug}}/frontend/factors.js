// @ts-check
/**
 * The security section of the signed-in page: turn an authenticator app (TOTP) on and off, and
 * renew the recovery codes. The API asks for the password again before each change; the recovery
 * codes it answers are shown once, and forgotten when the user signs out.
 */
import { get, reasons, send } from "./api.js";

/** @typedef {import("./schema").components["schemas"]} Schemas */

const summary = /** @type {HTMLElement} */ (document.getElementById("factors"));
const status = /** @type {HTMLElement} */ (document.getElementById("security-status"));
const password = /** @type {HTMLInputElement} */ (document.getElementById("security-password"));
const startForm = /** @type {HTMLFormElement} */ (document.getElementById("totp-start"));
const confirmForm = /** @type {HTMLFormElement} */ (document.getElementById("totp-confirm"));
const renewForm = /** @type {HTMLFormElement} */ (document.getElementById("recovery-renew"));
const disableForm = /** @type {HTMLFormElement} */ (document.getElementById("totp-disable"));
const recoveryCodes = /** @type {HTMLElement} */ (document.getElementById("recovery-codes"));

/** What the user may change, as the API tells it: shown above the forms. */
export async function showFactors() {
  const response = await get("/api/factors/");
  if (!response.ok) {
    summary.textContent = `The API answered ${response.status}: the factors are unknown.`;
    return;
  }
  /** @type {Schemas["Factors"]} */
  const factors = await response.json();
  const codes = factors.recovery_codes;
  summary.textContent =
    `The authenticator app is ${factors.totp ? "on" : "off"};` +
    ` ${codes} recovery code${codes === 1 ? "" : "s"} left.`;
  startForm.hidden = factors.totp || !confirmForm.hidden;
  renewForm.hidden = !factors.totp && factors.recovery_codes === 0;
  disableForm.hidden = !factors.totp;
}

/**
 * Show the recovery codes the API answered, this once.
 * @param {string[]} codes
 */
export function showRecoveryCodes(codes) {
  const list = /** @type {HTMLElement} */ (recoveryCodes.querySelector("ol"));
  list.replaceChildren(
    ...codes.map((code) => Object.assign(document.createElement("li"), { textContent: code })),
  );
  recoveryCodes.hidden = false;
}

/** The password typed in the section, as the API's bodies take it. */
export function typedPassword() {
  return password.value;
}

/**
 * Tell the user how a change went: `done` if the API took it, else the API's reasons.
 * @param {import("./api.js").Answer} answer
 * @param {string} done
 */
export function report(answer, done) {
  status.textContent = answer.ok ? done : reasons(answer);
}

startForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  /** @type {Schemas["Password"]} */
  const body = { password: typedPassword() };
  const answer = await send("POST", "/api/factors/totp/", body);
  report(answer, "Add the key to your authenticator app, then confirm with a code it shows.");
  if (answer.ok) {
    /** @type {Schemas["TOTPSecret"]} */
    const secret = answer.body;
    /** @type {HTMLElement} */ (document.getElementById("totp-secret")).textContent = secret.secret;
    /** @type {HTMLElement} */ (document.getElementById("totp-uri")).textContent = secret.uri;
    startForm.hidden = true;
    confirmForm.hidden = false;
  }
});

confirmForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  /** @type {Schemas["Code"]} */
  const body = { totp: String(new FormData(confirmForm).get("totp")).trim() };
  const answer = await send("POST", "/api/factors/totp/confirm/", body);
  report(answer, "The authenticator app is on: signing in asks for its code.");
  if (answer.ok) {
    /** @type {Schemas["RecoveryCodes"]} */
    const renewed = answer.body;
    confirmForm.reset();
    confirmForm.hidden = true;
    showRecoveryCodes(renewed.recovery_codes);
  }
  await showFactors();
});

/**
 * The password and the code typed in `form`: six digits from the authenticator app, or a
 * recovery code.
 * @param {HTMLFormElement} form
 * @returns {Schemas["Reauthentication"]}
 */
function reauthentication(form) {
  const code = String(new FormData(form).get("code")).trim();
  return {
    password: typedPassword(),
    ...(/^\d{6}$/.test(code) ? { totp: code } : { recovery_code: code }),
  };
}

renewForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const body = reauthentication(renewForm);
  const answer = await send("POST", "/api/factors/recovery-codes/", body);
  report(answer, "New recovery codes: the old ones no longer work.");
  if (answer.ok) {
    /** @type {Schemas["RecoveryCodes"]} */
    const renewed = answer.body;
    renewForm.reset();
    showRecoveryCodes(renewed.recovery_codes);
  }
  await showFactors();
});

disableForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const answer = await send("POST", "/api/factors/totp/disable/", reauthentication(disableForm));
  report(answer, "The authenticator app is off: signing in no longer asks for its code.");
  if (answer.ok) {
    disableForm.reset();
    recoveryCodes.hidden = true;
    recoveryCodes.querySelector("ol")?.replaceChildren();
  }
  await showFactors();
});

document.addEventListener("signed-in", showFactors);

// Nothing of the section outlives the session: not the password, a key being added, the codes.
document.addEventListener("signed-out", () => {
  for (const form of [startForm, confirmForm, renewForm, disableForm]) {
    form.reset();
  }
  password.value = "";
  summary.textContent = status.textContent = "";
  confirmForm.hidden = true;
  recoveryCodes.hidden = true;
  recoveryCodes.querySelector("ol")?.replaceChildren();
});
