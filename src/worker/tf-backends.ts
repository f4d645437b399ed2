// Side effects only: registers the tfjs backends the worker may use (never all of @tensorflow/tfjs).
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-cpu';
