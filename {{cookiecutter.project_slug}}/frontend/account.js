// @ts-check
/**
 * The pages the sign-up and password reset mails link to, /activate/<token> and
 * /reset-password/<token>: each sends the link's token with the password typed in its form, which
 * opens the account or replaces its password.
 */
import { API_URL } from "./config.js";

/** @typedef {import("./schema").components["schemas"]} Schemas */

const [page, token = ""] = location.pathname.split("/").filter(Boolean);
const form = /** @type {HTMLFormElement} */ (document.getElementById("password"));
const status = /** @type {HTMLElement} */ (document.getElementById("status"));

/**
 * POST `body` as JSON to `path` of the API (no credentials: the link's token is the proof).
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

/** @param {string} password */
function activate(password) {
  /** @type {Schemas["Activation"]} */
  const activation = { token, password };
  return post("/api/users/activation/", activation);
}

/** @param {string} password */
function resetPassword(password) {
  /** @type {Schemas["PasswordResetConfirm"]} */
  const reset = { token, new_password: password };
  return post("/api/users/password-reset/confirm/", reset);
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

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const password = String(new FormData(form).get("password"));
  const response = await (page === "activate" ? activate(password) : resetPassword(password));
  if (response.ok) {
    form.hidden = true;
    status.textContent =
      page === "activate" ? "Your account is active: sign in." : "Your password is changed: sign in with it.";
  } else {
    status.textContent = await reasons(response);
  }
});
