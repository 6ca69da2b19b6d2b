/** The guide's Markdown files, bundled as text by scripts/build.ts (esbuild's text loader). */
declare module '*.md' {
  const text: string;
  export default text;
}
