// Module resolution hook for the bench process only. The model module imports
// '@tensorflow/tfjs-core/dist/register_all_gradients', an ESM file of extensionless imports that
// plain Node cannot load (bundlers and vitest can). The bench never trains in-process (it only
// initialises and serialises the bench model; `hearth train` runs as its own built CLI), so the
// gradient registrations are replaced by an empty module here.
export async function resolve(specifier, context, next) {
  if (specifier === '@tensorflow/tfjs-core/dist/register_all_gradients') return { url: 'data:text/javascript,export{}', shortCircuit: true };
  return next(specifier, context);
}
