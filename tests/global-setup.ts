import { build } from '../scripts/build';

/** Tests exercise the artifact that would be pushed: build it once before any test runs. */
export default async function setup(): Promise<void> {
  await build();
}
