/* global window, document, location, history, React, YogaGraphiQL */
// The page's start, in the browser: completes a sign-in the provider returned from, shows who is
// signed in (with "Switch user" and "Sign out"), and renders GraphiQL with the fetcher that signs
// every request, the tab it is to open, and the plan panel. Every change of who is signed in
// goes through the provider and back, so GraphiQL always starts with the caller it will use.
//
// The renderer (graphiql-renderer.mjs) inlines this after the other modules of this folder,
// without their import and export keywords, and calls startGraphiQL(config).
import { createFetcher, LastRequest } from './fetcher.mjs';
import { PLAN_RIGHT, planPlugin } from './plan-panel.mjs';
import { describeCaller, isSignInCallback, rightsOfRoles, SignIn, SignInProblem, withoutCallbackParameters } from './sign-in.mjs';
import { openingTab } from './tabs.mjs';

/** `config`: what graphiql.ts embeds in the page (GraphiQLPageConfig). */
export async function startGraphiQL(config) {
  const bar = document.getElementById('casegraph-identity');
  const signIn = new SignIn({
    issuer: config.signIn.issuer,
    clientId: config.signIn.clientId,
    resource: config.signIn.resource,
    storage: sessionStorage,
    fetch: window.fetch.bind(window),
    crypto: window.crypto,
  });
  // The page's own address is the redirect URI: a loopback one is accepted on any port.
  const redirectUri = `${location.origin}${location.pathname}`;
  let problem = null;

  const here = new URL(location.href);
  if (isSignInCallback(here)) {
    // The code and state leave the address bar (and the history) before anything else happens.
    history.replaceState(history.state, '', withoutCallbackParameters(here).href);
    try {
      await signIn.complete(here);
    } catch (error) {
      problem = error instanceof SignInProblem ? error.message : `Sign-in failed: ${error?.message ?? error}`;
    }
  }

  const session = signIn.session();
  const caller = session.status === 'signed-out' ? null : describeCaller(session.claims, config.rights.claims);
  const rights = session.status === 'signed-in' ? rightsOfRoles(caller.roles, config.rights.roles) : [];
  const canSeePlans = rights.includes(PLAN_RIGHT);
  const planRoles = Object.keys(config.rights.roles).filter((role) => config.rights.roles[role].rights.includes(PLAN_RIGHT));
  let signedOut = session.status !== 'signed-in';

  const go = async (makeUrl) => {
    try {
      const url = await makeUrl();
      if (url) location.assign(url);
      else location.reload();
    } catch (error) {
      problem = error instanceof SignInProblem ? error.message : `Sign-in failed: ${error?.message ?? error}`;
      showBar();
    }
  };
  const actions = {
    signIn: () => go(() => signIn.authorizationUrl({ redirectUri })),
    switchUser: () => go(() => signIn.authorizationUrl({ redirectUri, prompt: 'login' })),
    signOut: () =>
      go(async () => {
        signIn.forget();
        // And at the provider, whose confirmation page returns here; without one, just here.
        return signIn.endSessionUrl({ postLogoutRedirectUri: redirectUri }).catch(() => null);
      }),
  };

  const showBar = () => renderIdentityBar(bar, { session: signIn.session(), caller, rights, signedOut, problem, actions });
  showBar();
  if (session.status === 'signed-in' && session.expiresAt !== null) {
    // The bar says so when the token runs out (a request then gets the same message).
    window.setTimeout(showBar, Math.min(Math.max(session.expiresAt - Date.now(), 0) + 500, 2 ** 31 - 1));
  }

  const lastRequest = new LastRequest();
  const fetcher = createFetcher({
    endpoint: config.endpoint,
    accessToken: () => {
      const current = signIn.session();
      return current.status === 'signed-in' ? current.accessToken : null;
    },
    asksForPlan: () => canSeePlans,
    onSignedOut: () => {
      signedOut = true;
      showBar();
    },
    lastRequest,
    fetch: window.fetch.bind(window),
    now: () => performance.now(),
  });

  // Read by the sidebar of the bundled GraphiQL (see the renderer's patches).
  window.casegraphGraphiQLPlugins = [
    planPlugin(React, { lastRequest, caller: session.status === 'signed-in' ? caller : null, canSeePlans, planRoles }),
  ];
  const opening = openingTab(localStorage, config.defaultTabs);
  YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), {
    title: config.title,
    defaultTabs: config.defaultTabs,
    initialQuery: opening.query,
    initialVariables: opening.variables,
    initialHeaders: opening.headers,
    shouldPersistHeaders: true,
    // Yoga's GraphiQL would copy every edit of the query into the address bar (?query=...).
    onEditQuery: () => {},
    fetcher,
    // The schema (documentation, completion) only for callers who may introspect: others would
    // get a 403 for every page load. null tells GraphiQL not to ask.
    ...(rights.includes('schema:read') ? {} : { schema: null }),
  });
}

/** The strip above GraphiQL: who is signed in, or that no one is, with what can be done. */
function renderIdentityBar(bar, { session, caller, rights, signedOut, problem, actions }) {
  const element = (tag, attributes, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes ?? {})) {
      if (name === 'onClick') node.addEventListener('click', value);
      else node.setAttribute(name, value);
    }
    node.append(...children.filter((child) => child !== null && child !== undefined));
    return node;
  };
  const button = (label, onClick, primary = false) =>
    element('button', { type: 'button', class: primary ? 'cg-button cg-button-primary' : 'cg-button', onClick }, label);

  const status = element('div', { class: 'cg-identity-status', role: 'status' });
  const buttons = element('div', { class: 'cg-identity-actions' });
  if (session.status === 'signed-in' && !signedOut) {
    status.append(
      'Signed in as ',
      element('strong', { class: 'cg-identity-name' }, caller.name ?? caller.id),
      ' ',
      element('code', { class: 'cg-identity-id' }, caller.id),
      element('span', { class: 'cg-identity-detail' }, `roles: ${caller.roles.join(', ') || 'none'}`),
      element('span', { class: 'cg-identity-detail' }, `unit: ${caller.unit ?? 'none'}`),
    );
    if (rights.length === 0) status.append(element('span', { class: 'cg-identity-warning' }, 'these roles grant no rights here'));
    buttons.append(button('Switch user', actions.switchUser), button('Sign out', actions.signOut));
  } else if (caller) {
    status.append(
      element('span', { class: 'cg-identity-warning' }, 'Signed out / token expired'),
      ` — ${caller.name ?? caller.id} (${caller.id}) must sign in again to run operations.`,
    );
    buttons.append(
      button('Sign in again', actions.signIn, true),
      button('Switch user', actions.switchUser),
      button('Sign out', actions.signOut),
    );
  } else {
    status.append('Not signed in: every request to the gateway needs a sign-in.');
    buttons.append(button('Sign in', actions.signIn, true));
  }
  if (problem) status.append(element('span', { class: 'cg-identity-problem', role: 'alert' }, problem));
  bar.replaceChildren(element('span', { class: 'cg-identity-product' }, 'casegraph'), status, buttons);
}
