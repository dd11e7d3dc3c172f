// @ts-check
/**
 * The API client of the example front end. The access token lives in this module's memory only;
 * the refresh token lives in an httpOnly cookie that the browser keeps and sends to the API by
 * itself, out of any script's reach. Types come from the API's OpenAPI schema (README.md,
 * "Browser front end": `npm run check`).
 */
import { API_URL, AUTH_KEYWORD } from "./config.js";

/** @typedef {keyof import("./schema").paths} Path */
/** @typedef {import("./schema").paths["/api/token/"]["post"]} LoginOperation */

// Login, refresh and logout must carry this header: a page of another origin cannot add it
// without a CORS preflight, which only the API's allowed origins pass.
const FROM_SCRIPT = { "X-Requested-With": "fetch" };

/**
 * @typedef {object} Answer The API's answer to a request with a body.
 * @property {boolean} ok Whether it took the body.
 * @property {number} status
 * @property {any} body Its JSON (null if it has none).
 */

/** @type {string | null} */
let access = null;

/**
 * Sign in: the API's answer if it took the credentials (it then set the refresh cookie), else
 * what to tell the user: that it refused them, or, in the API's words, why it could not check
 * them (too many sign-ins for now, a server unavailable).
 * @param {Omit<NonNullable<LoginOperation["requestBody"]>["content"]["application/json"], "access" | "refresh">} credentials
 * @returns {Promise<LoginOperation["responses"]["200"]["content"]["application/json"] | string>}
 */
export async function signIn(credentials) {
  const answer = await post("/api/token/", credentials);
  if (answer.ok) {
    return answer.body;
  }
  return answer.status === 401 ? "Those credentials were refused." : reasons(answer);
}

/**
 * POST `body` as JSON to the login endpoint `path` and keep the access token the API answers:
 * whether it took the body, with the status and the JSON of its answer.
 * @param {Path} path
 * @param {object} body
 * @returns {Promise<Answer>}
 */
export async function post(path, body) {
  const response = await fetch(`${API_URL}${path}`, {
    method: "POST",
    credentials: "include",
    headers: { ...FROM_SCRIPT, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const answer = await answerOf(response);
  keepAccessToken(answer.ok ? answer.body : null);
  return answer;
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
    keepAccessToken(response.ok ? await response.json() : null);
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
export function get(path) {
  return withAccessToken(path, {});
}

/**
 * Send `body` as JSON to `path` of the API as the signed-in user (the access token, refreshed
 * once if the API refuses it): whether it took the body, with the status and the JSON of its
 * answer.
 * @param {"POST" | "DELETE"} method
 * @param {Path} path With its `{name}` parts as written in the schema.
 * @param {object} body
 * @param {Record<string, string | number>} [parts] The values of the path's `{name}` parts.
 * @returns {Promise<Answer>}
 */
export async function send(method, path, body, parts = {}) {
  const filled = path.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(parts[name]));
  const response = await withAccessToken(filled, {
    method,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return answerOf(response);
}

/**
 * The API's answer, its JSON read (null if it has none).
 * @param {Response} response
 * @returns {Promise<Answer>}
 */
async function answerOf(response) {
  const body = await response.json().catch(() => null);
  return { ok: response.ok, status: response.status, body };
}

/**
 * What a refusal of the API says, for the user: DRF's field errors, or its detail.
 * @param {Answer} answer
 */
export function reasons(answer) {
  /** @type {Record<string, string | string[]>} */
  const body = answer.body ?? {};
  return Object.values(body).flat().join(" ") || `The API answered ${answer.status}.`;
}

/**
 * Fetch `path` of the API with `init` and the access token, once more after a refresh if the
 * API refuses the token (401).
 * @param {string} path
 * @param {RequestInit & { headers?: Record<string, string> }} init
 */
async function withAccessToken(path, init) {
  const sent = () =>
    fetch(`${API_URL}${path}`, { ...init, headers: { ...init.headers, ...authorization() } });
  let response = await sent();
  if (response.status === 401 && (await refresh())) {
    response = await sent();
  }
  return response;
}

/** @returns {Record<string, string>} */
function authorization() {
  return access === null ? {} : { Authorization: `${AUTH_KEYWORD} ${access}` };
}

/**
 * Keep the access token of an answer; without one (a refusal, or no token yet), keep none.
 * @param {null | { access?: string }} answer
 */
function keepAccessToken(answer) {
  access = answer?.access ?? null;
}
