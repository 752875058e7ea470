// The page's script; build.mjs bundles it with what it imports into app.js beside index.html.

// Show the address of this very relay in the examples, as a user would type it.
const base = location.origin + location.pathname.replace(/\/(index\.html)?$/, "");
for (const id of ["relay", "relay2"]) {
  document.getElementById(id).textContent = base;
}
