// @ts-check
/**
 * The pages the sign-up and password reset mails link to: /activate/<uid>/<token> activates the
 * account, /reset-password/<uid>/<token> sets the password typed in its form.
 */
import { API_URL } from "./config.js";

/** @typedef {import("./schema").components["schemas"]} Schemas */

const [page, uid = "", token = ""] = location.pathname.split("/").filter(Boolean);
const status = /** @type {HTMLElement} */ (document.getElementById("status"));

/**
 * POST `body` as JSON to `path` of the API (no credentials: the link is the proof).
 * @param {keyof import("./schema").paths} path
 * @param {object} body
 */
function post(path, body) {
  return fetch(`${API_URL}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

/**
 * What a refusal says: DRF's field errors, or its detail.
 * @param {Response} response
 */
async function reasons(response) {
  /** @type {Record<string, string | string[]>} */
  const body = await response.json().catch(() => ({}));
  return Object.values(body).flat().join(" ") || `The API answered ${response.status}.`;
}

if (page === "activate") {
  /** @type {Schemas["Activation"]} */
  const activation = { uid, token };
  const response = await post("/api/users/activation/", activation);
  status.textContent = response.ok
    ? "Your account is active: sign in."
    : `This link does not activate an account. ${await reasons(response)}`;
} else {
  const form = /** @type {HTMLFormElement} */ (document.getElementById("new-password"));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    /** @type {Schemas["PasswordResetConfirm"]} */
    const reset = { uid, token, new_password: String(new FormData(form).get("new_password")) };
    const response = await post("/api/users/password-reset/confirm/", reset);
    if (response.ok) {
      form.hidden = true;
      status.textContent = "Your password is changed: sign in with it.";
    } else {
      status.textContent = await reasons(response);
    }
  });
}
