// Resolution hook for the e2e runner only: src/model imports tfjs-core's gradient registry, an
// ESM file of extensionless imports plain Node cannot load. These tests only initialise,
// serialise and score models (no training in Node), so the registry becomes an empty module.
export async function resolve(specifier, context, next) {
  if (specifier === '@tensorflow/tfjs-core/dist/register_all_gradients') return { url: 'data:text/javascript,export{}', shortCircuit: true };
  return next(specifier, context);
}
