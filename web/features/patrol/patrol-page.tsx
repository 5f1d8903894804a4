// Placeholder while the patrol module is built; replaced by the module's pages.
export default function Page() {
  return null;
}
