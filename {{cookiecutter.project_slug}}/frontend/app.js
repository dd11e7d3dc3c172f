// @ts-check
/**
 * The example page: sign in, list the subscribers, sign out. api.js handles the tokens, login.js
 * what signing in asks of the user. The page's other parts (the security section, where users
 * have second factors) hear "signed-in" and "signed-out" on the document as the signed-in view
 * shows and hides.
 */
import { get, refresh, signOut } from "./api.js";
import { logIn } from "./login.js";

/** @typedef {import("./schema").components["schemas"]} Schemas */

const status = /** @type {HTMLElement} */ (document.getElementById("status"));
const signInForm = /** @type {HTMLFormElement} */ (document.getElementById("sign-in"));
const signedIn = /** @type {HTMLElement} */ (document.getElementById("signed-in"));
const rows = /** @type {HTMLElement} */ (document.querySelector("#subscribers tbody"));

/** @param {string} message */
function showSignIn(message) {
  status.textContent = message;
  if (!signedIn.hidden) {
    signedIn.hidden = true;
    document.dispatchEvent(new Event("signed-out"));
  }
  signInForm.hidden = false;
}

async function showSubscribers() {
  status.textContent = "Loading…";
  const response = await get("/api/subscribers/");
  if (!response.ok) {
    showSignIn(response.status === 401 ? "Your session has ended: sign in again." : `The API answered ${response.status}.`);
    return;
  }
  /** @type {Schemas["PaginatedSubscriberList"]} */
  const page = await response.json();
  rows.replaceChildren(
    ...page.results.map((subscriber) => {
      const row = document.createElement("tr");
      for (const value of [subscriber.name, String(subscriber.age), subscriber.email]) {
        row.append(Object.assign(document.createElement("td"), { textContent: value }));
      }
      return row;
    }),
  );
  status.textContent = `Signed in: ${page.count} subscriber${page.count === 1 ? "" : "s"}.`;
  signInForm.hidden = true;
  if (signedIn.hidden) {
    signedIn.hidden = false;
    document.dispatchEvent(new Event("signed-in"));
  }
}

signInForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  // With the name and value of the button that sent the form, if it has them.
  const form = new FormData(signInForm, event.submitter);
  const credentials = /** @type {any} */ (Object.fromEntries(form));
  const refusal = await logIn(credentials);
  if (refusal === null) {
    signInForm.reset();
    await showSubscribers();
  } else {
    showSignIn(refusal);
  }
});

document.getElementById("refresh-list")?.addEventListener("click", showSubscribers);

document.getElementById("sign-out")?.addEventListener("click", async () => {
  await signOut();
  showSignIn("Signed out.");
});

// After a reload the access token is gone, but the refresh cookie may still hold a session.
if (await refresh()) {
  await showSubscribers();
} else {
  showSignIn("Sign in to see the subscribers.");
}
