// The console's shell: signing in from the link `./pidgr dev` prints (the token arrives in the URL
// fragment, which browsers never send to a server, and moves to sessionStorage at once), a router
// over location.hash, and one page at a time in <main>.
import { session } from "./api.js";
import { show } from "./dom.js";
import * as campaigns from "./pages/campaigns.js";
import * as campaign from "./pages/campaign.js";
import * as newCampaign from "./pages/new-campaign.js";
import * as templates from "./pages/templates.js";
import * as operations from "./pages/operations.js";
import * as signIn from "./pages/sign-in.js";

const ROUTES = [
  [/^#\/campaigns\/([0-9a-f-]{36})$/, campaign, "campaigns"],
  [/^#\/campaigns$/, campaigns, "campaigns"],
  [/^#\/new(?:\?.*)?$/, newCampaign, "new"],
  [/^#\/templates(?:\/(new|[0-9a-f-]{36}))?$/, templates, "templates"],
  [/^#\/operations$/, operations, "operations"],
];

let leave = () => {};

function takeTokenFromUrl() {
  const match = /^#token=([A-Za-z0-9._-]+)$/.exec(location.hash);
  if (match) {
    session.signIn(match[1]);
    history.replaceState(null, "", `${location.pathname}#/campaigns`);
  }
}

function route() {
  leave();
  leave = () => {};
  const main = document.getElementById("main");
  const signedIn = Boolean(session.token());
  document.getElementById("sign-out").hidden = !signedIn;
  if (!signedIn) {
    markNav("");
    leave = signIn.render(main) ?? leave;
    return;
  }
  const [pattern, page, nav] = ROUTES.find(([p]) => p.test(location.hash)) ?? [];
  if (!page) {
    location.replace("#/campaigns");
    return;
  }
  markNav(nav);
  show(main);
  leave = page.render(main, pattern.exec(location.hash).slice(1)) ?? leave;
  main.focus({ preventScroll: true });
}

function markNav(current) {
  for (const link of document.querySelectorAll("[data-nav]")) {
    if (link.dataset.nav === current) {
      link.setAttribute("aria-current", "page");
    } else {
      link.removeAttribute("aria-current");
    }
  }
}

// A page whose call was refused UNAUTHENTICATED (expired or wrong token): back to signing in.
window.addEventListener("pidgr:signed-out", (e) => {
  session.signOut();
  sessionStorage.setItem("pidgr.signed-out-because", e.detail);
  route();
});

document.getElementById("sign-out").addEventListener("click", () => {
  session.signOut();
  location.hash = "#/campaigns";
  route();
});
window.addEventListener("hashchange", () => {
  takeTokenFromUrl();
  route();
});
takeTokenFromUrl();
route();
