// @ts-check
/**
 * The API client of the example front end. The access token lives in this module's memory only;
 * the refresh token lives in an httpOnly cookie that the browser keeps and sends to the API by
 * itself, out of any script's reach. Types come from the API's OpenAPI schema (README.md,
 * "Browser front end": `npm run check`).
 */
import { API_URL, AUTH_KEYWORD } from "./config.js";

/** @typedef {import("./schema").components["schemas"]} Schemas */
/** @typedef {keyof import("./schema").paths} Path */
/** @typedef {import("./schema").paths["/api/token/"]["post"]["requestBody"]} LoginRequest */

// Login, refresh and logout must carry this header: a page of another origin cannot add it
// without a CORS preflight, which only the API's allowed origins pass.
const FROM_SCRIPT = { "X-Requested-With": "fetch" };

/** @type {string | null} */
let access = null;

/**
 * Sign in. True if the API took the credentials; it then set the refresh cookie.
 * @param {Omit<NonNullable<LoginRequest>["content"]["application/json"], "access" | "refresh">} credentials
 */
export async function signIn(credentials) {
  const response = await fetch(`${API_URL}/api/token/`, {
    method: "POST",
    credentials: "include",
    headers: { ...FROM_SCRIPT, "Content-Type": "application/json" },
    body: JSON.stringify(credentials),
  });
  await keepAccessToken(response);
  return response.ok;
}

/**
 * A new access token for the refresh cookie, after a reload or once the last one expired. True
 * if the API gave one; false: sign in again. One refresh at a time across this origin's tabs:
 * where refresh tokens rotate, two refreshes sent with one token count as its theft.
 */
export async function refresh() {
  return navigator.locks.request("refresh", async () => {
    const response = await fetch(`${API_URL}/api/token/refresh/`, {
      method: "POST",
      credentials: "include",
      headers: FROM_SCRIPT,
    });
    await keepAccessToken(response);
    return response.ok;
  });
}

/** Sign out: the API clears the refresh cookie (a script cannot), this module the access token. */
export async function signOut() {
  access = null;
  await fetch(`${API_URL}/api/token/logout/`, {
    method: "POST",
    credentials: "include",
    headers: FROM_SCRIPT,
  });
}

/**
 * GET `path` of the API with the access token, refreshing it once if the API refuses it (401).
 * @param {Path} path
 */
export async function get(path) {
  let response = await fetch(`${API_URL}${path}`, { headers: authorization() });
  if (response.status === 401 && (await refresh())) {
    response = await fetch(`${API_URL}${path}`, { headers: authorization() });
  }
  return response;
}

/** @returns {Record<string, string>} */
function authorization() {
  return access === null ? {} : { Authorization: `${AUTH_KEYWORD} ${access}` };
}

/** @param {Response} response */
async function keepAccessToken(response) {
  /** @type {Schemas["AccessToken"] | null} */
  const body = response.ok ? await response.json() : null;
  access = body === null ? null : body.access;
}
