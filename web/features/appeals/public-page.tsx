// Placeholder while the appeals module is built; replaced by the public submit/track page.
export default function PublicPage() {
  return null;
}
