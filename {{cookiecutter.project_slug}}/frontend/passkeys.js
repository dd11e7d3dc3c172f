// @ts-check
/**
 * The passkeys of the security section: list them, add one (the browser makes it, for the
 * options the API answers given the password), remove one, and renew the recovery codes with
 * one when there is no app to give a code.
 */
import { get, send } from "./api.js";
import { report, showFactors, showRecoveryCodes, typedPassword } from "./factors.js";

/** @typedef {import("./schema").components["schemas"]} Schemas */

const list = /** @type {HTMLElement} */ (document.getElementById("passkeys"));
const addForm = /** @type {HTMLFormElement} */ (document.getElementById("passkey-add"));
const renewButton = /** @type {HTMLButtonElement} */ (
  document.getElementById("renew-with-passkey")
);
const status = /** @type {HTMLElement} */ (document.getElementById("security-status"));

/** The user's passkeys, each with its button that removes it. */
export async function showPasskeys() {
  const response = await get("/api/factors/passkeys/");
  if (!response.ok) {
    list.replaceChildren(`The API answered ${response.status}: the passkeys are unknown.`);
    return;
  }
  /** @type {Schemas["Passkey"][]} */
  const passkeys = await response.json();
  list.replaceChildren(...passkeys.map(listed));
  renewButton.hidden = passkeys.length === 0;
}

/**
 * One passkey as the list shows it.
 * @param {Schemas["Passkey"]} passkey
 */
function listed(passkey) {
  const item = document.createElement("li");
  const added = new Date(passkey.created_at).toLocaleString();
  const used = passkey.last_used_at
    ? `last used ${new Date(passkey.last_used_at).toLocaleString()}`
    : "never used";
  item.textContent = `${passkey.name} (added ${added}, ${used}) `;
  const remove = Object.assign(document.createElement("button"), {
    type: "button",
    textContent: "Remove",
  });
  remove.setAttribute("aria-label", `Remove ${passkey.name}`);
  remove.addEventListener("click", async () => {
    /** @type {Schemas["Password"]} */
    const body = { password: typedPassword() };
    const answer = await send("DELETE", "/api/factors/passkeys/{id}/", body, { id: passkey.id });
    report(answer, `The passkey ${passkey.name} is removed.`);
    await Promise.all([showPasskeys(), showFactors()]);
  });
  item.append(remove);
  return item;
}

/**
 * What the browser's WebAuthn call gave: the credential, or null once the user was told why
 * there is none (the prompt dismissed, or no authenticator).
 * @param {Promise<Credential | null>} call
 */
async function credentialOf(call) {
  try {
    const credential = await call;
    if (credential instanceof PublicKeyCredential) {
      return credential;
    }
    status.textContent = "The browser gave no passkey.";
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    status.textContent = `The browser gave no passkey: ${reason}`;
  }
  return null;
}

addForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const name = String(new FormData(addForm).get("name")).trim();
  /** @type {Schemas["Password"]} */
  const password = { password: typedPassword() };
  const options = await send("POST", "/api/factors/passkeys/options/", password);
  if (!options.ok) {
    report(options, "");
    return;
  }
  const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(options.body);
  const credential = await credentialOf(navigator.credentials.create({ publicKey }));
  if (credential === null) {
    return;
  }
  /** @type {Schemas["PasskeyRegistration"]} */
  const body = { credential: credential.toJSON(), name };
  const answer = await send("POST", "/api/factors/passkeys/", body);
  report(answer, `The passkey ${name} is added: it signs you in.`);
  if (answer.ok) {
    /** @type {Schemas["NewPasskey"]} */
    const added = answer.body;
    addForm.reset();
    // Codes come with the account's first factor only.
    if (added.recovery_codes.length > 0) {
      showRecoveryCodes(added.recovery_codes);
    }
  }
  await Promise.all([showPasskeys(), showFactors()]);
});

renewButton.addEventListener("click", async () => {
  const options = await send("POST", "/api/factors/passkeys/recovery-codes/options/", {});
  if (!options.ok) {
    report(options, "");
    return;
  }
  const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(options.body);
  const credential = await credentialOf(navigator.credentials.get({ publicKey }));
  if (credential === null) {
    return;
  }
  /** @type {Schemas["PasskeyReauthentication"]} */
  const body = { password: typedPassword(), credential: credential.toJSON() };
  const answer = await send("POST", "/api/factors/passkeys/recovery-codes/", body);
  report(answer, "New recovery codes: the old ones no longer work.");
  if (answer.ok) {
    /** @type {Schemas["RecoveryCodes"]} */
    const renewed = answer.body;
    showRecoveryCodes(renewed.recovery_codes);
  }
  await showFactors();
});

document.addEventListener("signed-in", showPasskeys);

document.addEventListener("signed-out", () => {
  addForm.reset();
  list.replaceChildren();
});
