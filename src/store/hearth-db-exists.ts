/**
 * Whether a database called `name` exists, found without opening it (opening would create it,
 * which consent gating forbids). Resolves false when it cannot tell.
 */
export async function hearthDbExists(name: string): Promise<boolean> {
  try {
    return (await indexedDB.databases()).some((d) => d.name === name);
  } catch {
    return false;
  }
}
