/** A model artifact that cannot be trusted or used (bad manifest, hash or shape mismatch, missing file). */
export class ArtifactError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArtifactError';
  }
}
