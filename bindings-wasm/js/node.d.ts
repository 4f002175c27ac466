// The Node build has the web build's API (its `init` returns at once).
export * from "../pkg-web/index.js";
export { default } from "../pkg-web/index.js";
