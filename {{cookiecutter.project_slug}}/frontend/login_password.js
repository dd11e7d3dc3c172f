// @ts-check
/** Signing in: the password alone gets the tokens. */
import { signIn } from "./api.js";

/**
 * Sign in with the form's credentials: null once signed in, else what to tell the user.
 * @param {Parameters<typeof signIn>[0]} credentials
 * @returns {Promise<string | null>}
 */
export async function logIn(credentials) {
  const answer = await signIn(credentials);
  return typeof answer === "string" ? answer : null;
}
