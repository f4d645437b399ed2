// Side effects only: registers the tfjs backends the worker may use (never all of @tensorflow/tfjs),
// each with the kernel set of tf-kernels.ts rather than every kernel it ships.
import './tf-kernels';
