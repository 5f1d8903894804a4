// Placeholder while the appeals module is built; replaced by the module's pages.
export default function Page() {
  return null;
}
