import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The project's root: the nearest folder up from this file with Shequ's package.json (works from
 * server/*.ts under tsx and from the bundle in dist/server/ that `npm start` runs). */
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, "utf8")).name === "shequ") return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, "..");
  }
}

export const ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
