// A single-page app: the Go server serves the same index.html for every route.
export const ssr = false;
export const prerender = false;
