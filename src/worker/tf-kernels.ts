// Generated kernel set for the worker bundle: only the kernels SASRec inference, explanations
// and local fine-tuning run (profiled with tf.profile on CPU) plus common neighbours, instead of
// every kernel of three backends. Keeps hearth-worker.js well under its size budget.
// A missing kernel surfaces as a backend failure: the engine falls back to the next backend.
import { registerKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgl/dist/base';
import '@tensorflow/tfjs-backend-wasm/dist/base';
import '@tensorflow/tfjs-backend-cpu/dist/base';
import { absConfig as webglAbsConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Abs';
import { addConfig as webglAddConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Add';
import { addNConfig as webglAddNConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/AddN';
import { argMaxConfig as webglArgMaxConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/ArgMax';
import { batchMatMulConfig as webglBatchMatMulConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/BatchMatMul';
import { broadcastArgsConfig as webglBroadcastArgsConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/BroadcastArgs';
import { castConfig as webglCastConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Cast';
import { ceilConfig as webglCeilConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Ceil';
import { clipByValueConfig as webglClipByValueConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/ClipByValue';
import { complexConfig as webglComplexConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Complex';
import { concatConfig as webglConcatConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Concat';
import { cumsumConfig as webglCumsumConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Cumsum';
import { einsumConfig as webglEinsumConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Einsum';
import { eluConfig as webglEluConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Elu';
import { equalConfig as webglEqualConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Equal';
import { erfConfig as webglErfConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Erf';
import { expConfig as webglExpConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Exp';
import { expandDimsConfig as webglExpandDimsConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/ExpandDims';
import { fillConfig as webglFillConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Fill';
import { floorConfig as webglFloorConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Floor';
import { floorDivConfig as webglFloorDivConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/FloorDiv';
import { gatherNdConfig as webglGatherNdConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/GatherNd';
import { gatherV2Config as webglGatherV2Config } from '@tensorflow/tfjs-backend-webgl/dist/kernels/GatherV2';
import { greaterConfig as webglGreaterConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Greater';
import { greaterEqualConfig as webglGreaterEqualConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/GreaterEqual';
import { identityConfig as webglIdentityConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Identity';
import { imagConfig as webglImagConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Imag';
import { leakyReluConfig as webglLeakyReluConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/LeakyRelu';
import { lessConfig as webglLessConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Less';
import { lessEqualConfig as webglLessEqualConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/LessEqual';
import { logConfig as webglLogConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Log';
import { logicalAndConfig as webglLogicalAndConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/LogicalAnd';
import { logicalNotConfig as webglLogicalNotConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/LogicalNot';
import { maxConfig as webglMaxConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Max';
import { maxPoolConfig as webglMaxPoolConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/MaxPool';
import { maximumConfig as webglMaximumConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Maximum';
import { meanConfig as webglMeanConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Mean';
import { minConfig as webglMinConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Min';
import { minimumConfig as webglMinimumConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Minimum';
import { modConfig as webglModConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Mod';
import { multiplyConfig as webglMultiplyConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Multiply';
import { negConfig as webglNegConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Neg';
import { notEqualConfig as webglNotEqualConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/NotEqual';
import { oneHotConfig as webglOneHotConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/OneHot';
import { onesLikeConfig as webglOnesLikeConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/OnesLike';
import { packConfig as webglPackConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Pack';
import { padV2Config as webglPadV2Config } from '@tensorflow/tfjs-backend-webgl/dist/kernels/PadV2';
import { powConfig as webglPowConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Pow';
import { prodConfig as webglProdConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Prod';
import { rangeConfig as webglRangeConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Range';
import { realConfig as webglRealConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Real';
import { realDivConfig as webglRealDivConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/RealDiv';
import { reciprocalConfig as webglReciprocalConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Reciprocal';
import { reluConfig as webglReluConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Relu';
import { reshapeConfig as webglReshapeConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Reshape';
import { reverseConfig as webglReverseConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Reverse';
import { roundConfig as webglRoundConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Round';
import { rsqrtConfig as webglRsqrtConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Rsqrt';
import { scatterNdConfig as webglScatterNdConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/ScatterNd';
import { selectConfig as webglSelectConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Select';
import { sigmoidConfig as webglSigmoidConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Sigmoid';
import { signConfig as webglSignConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Sign';
import { sliceConfig as webglSliceConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Slice';
import { softmaxConfig as webglSoftmaxConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Softmax';
import { softplusConfig as webglSoftplusConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Softplus';
import { splitVConfig as webglSplitVConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/SplitV';
import { sqrtConfig as webglSqrtConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Sqrt';
import { squareConfig as webglSquareConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Square';
import { squaredDifferenceConfig as webglSquaredDifferenceConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/SquaredDifference';
import { stepConfig as webglStepConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Step';
import { stridedSliceConfig as webglStridedSliceConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/StridedSlice';
import { subConfig as webglSubConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Sub';
import { sumConfig as webglSumConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Sum';
import { tanhConfig as webglTanhConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Tanh';
import { tileConfig as webglTileConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Tile';
import { topKConfig as webglTopKConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/TopK';
import { transformConfig as webglTransformConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Transform';
import { transposeConfig as webglTransposeConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Transpose';
import { unpackConfig as webglUnpackConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/Unpack';
import { unsortedSegmentSumConfig as webglUnsortedSegmentSumConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/UnsortedSegmentSum';
import { zerosLikeConfig as webglZerosLikeConfig } from '@tensorflow/tfjs-backend-webgl/dist/kernels/ZerosLike';
import { absConfig as wasmAbsConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Abs';
import { addConfig as wasmAddConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Add';
import { addNConfig as wasmAddNConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/AddN';
import { argMaxConfig as wasmArgMaxConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/ArgMax';
import { batchMatMulConfig as wasmBatchMatMulConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/BatchMatMul';
import { broadcastArgsConfig as wasmBroadcastArgsConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/BroadcastArgs';
import { castConfig as wasmCastConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Cast';
import { ceilConfig as wasmCeilConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Ceil';
import { clipByValueConfig as wasmClipByValueConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/ClipByValue';
import { concatConfig as wasmConcatConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Concat';
import { cumsumConfig as wasmCumsumConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Cumsum';
import { eluConfig as wasmEluConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Elu';
import { equalConfig as wasmEqualConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Equal';
import { erfConfig as wasmErfConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Erf';
import { expConfig as wasmExpConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Exp';
import { expandDimsConfig as wasmExpandDimsConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/ExpandDims';
import { fillConfig as wasmFillConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Fill';
import { floorConfig as wasmFloorConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Floor';
import { floorDivConfig as wasmFloorDivConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/FloorDiv';
import { gatherNdConfig as wasmGatherNdConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/GatherNd';
import { gatherV2Config as wasmGatherV2Config } from '@tensorflow/tfjs-backend-wasm/dist/kernels/GatherV2';
import { greaterConfig as wasmGreaterConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Greater';
import { greaterEqualConfig as wasmGreaterEqualConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/GreaterEqual';
import { identityConfig as wasmIdentityConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Identity';
import { isNaNConfig as wasmIsNaNConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/IsNan';
import { leakyReluConfig as wasmLeakyReluConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/LeakyRelu';
import { lessConfig as wasmLessConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Less';
import { lessEqualConfig as wasmLessEqualConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/LessEqual';
import { logConfig as wasmLogConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Log';
import { logicalAndConfig as wasmLogicalAndConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/LogicalAnd';
import { logicalNotConfig as wasmLogicalNotConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/LogicalNot';
import { maxConfig as wasmMaxConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Max';
import { maxPoolConfig as wasmMaxPoolConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/MaxPool';
import { maximumConfig as wasmMaximumConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Maximum';
import { meanConfig as wasmMeanConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Mean';
import { minConfig as wasmMinConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Min';
import { minimumConfig as wasmMinimumConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Minimum';
import { modConfig as wasmModConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Mod';
import { multiplyConfig as wasmMultiplyConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Multiply';
import { negConfig as wasmNegConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Neg';
import { notEqualConfig as wasmNotEqualConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/NotEqual';
import { oneHotConfig as wasmOneHotConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/OneHot';
import { onesLikeConfig as wasmOnesLikeConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/OnesLike';
import { packConfig as wasmPackConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Pack';
import { padV2Config as wasmPadV2Config } from '@tensorflow/tfjs-backend-wasm/dist/kernels/PadV2';
import { powConfig as wasmPowConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Pow';
import { prodConfig as wasmProdConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Prod';
import { rangeConfig as wasmRangeConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Range';
import { realDivConfig as wasmRealDivConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/RealDiv';
import { reciprocalConfig as wasmReciprocalConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Reciprocal';
import { reluConfig as wasmReluConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Relu';
import { reshapeConfig as wasmReshapeConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Reshape';
import { reverseConfig as wasmReverseConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Reverse';
import { roundConfig as wasmRoundConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Round';
import { rsqrtConfig as wasmRsqrtConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Rsqrt';
import { scatterNdConfig as wasmScatterNdConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/ScatterNd';
import { selectConfig as wasmSelectConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Select';
import { sigmoidConfig as wasmSigmoidConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Sigmoid';
import { signConfig as wasmSignConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Sign';
import { sliceConfig as wasmSliceConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Slice';
import { softmaxConfig as wasmSoftmaxConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Softmax';
import { softplusConfig as wasmSoftplusConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Softplus';
import { splitVConfig as wasmSplitVConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/SplitV';
import { sqrtConfig as wasmSqrtConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Sqrt';
import { squareConfig as wasmSquareConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Square';
import { squaredDifferenceConfig as wasmSquaredDifferenceConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/SquaredDifference';
import { stepConfig as wasmStepConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Step';
import { stridedSliceConfig as wasmStridedSliceConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/StridedSlice';
import { subConfig as wasmSubConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Sub';
import { sumConfig as wasmSumConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Sum';
import { tanhConfig as wasmTanhConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Tanh';
import { tileConfig as wasmTileConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Tile';
import { topKConfig as wasmTopKConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/TopK';
import { transformConfig as wasmTransformConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Transform';
import { transposeConfig as wasmTransposeConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Transpose';
import { unpackConfig as wasmUnpackConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/Unpack';
import { zerosLikeConfig as wasmZerosLikeConfig } from '@tensorflow/tfjs-backend-wasm/dist/kernels/ZerosLike';
import { absConfig as cpuAbsConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Abs';
import { addConfig as cpuAddConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Add';
import { addNConfig as cpuAddNConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/AddN';
import { argMaxConfig as cpuArgMaxConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/ArgMax';
import { batchMatMulConfig as cpuBatchMatMulConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/BatchMatMul';
import { broadcastArgsConfig as cpuBroadcastArgsConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/BroadcastArgs';
import { castConfig as cpuCastConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Cast';
import { ceilConfig as cpuCeilConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Ceil';
import { clipByValueConfig as cpuClipByValueConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/ClipByValue';
import { complexConfig as cpuComplexConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Complex';
import { concatConfig as cpuConcatConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Concat';
import { cumsumConfig as cpuCumsumConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Cumsum';
import { einsumConfig as cpuEinsumConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Einsum';
import { eluConfig as cpuEluConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Elu';
import { equalConfig as cpuEqualConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Equal';
import { erfConfig as cpuErfConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Erf';
import { expConfig as cpuExpConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Exp';
import { expandDimsConfig as cpuExpandDimsConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/ExpandDims';
import { fillConfig as cpuFillConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Fill';
import { floorConfig as cpuFloorConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Floor';
import { floorDivConfig as cpuFloorDivConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/FloorDiv';
import { gatherNdConfig as cpuGatherNdConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/GatherNd';
import { gatherV2Config as cpuGatherV2Config } from '@tensorflow/tfjs-backend-cpu/dist/kernels/GatherV2';
import { greaterConfig as cpuGreaterConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Greater';
import { greaterEqualConfig as cpuGreaterEqualConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/GreaterEqual';
import { identityConfig as cpuIdentityConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Identity';
import { imagConfig as cpuImagConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Imag';
import { leakyReluConfig as cpuLeakyReluConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/LeakyRelu';
import { lessConfig as cpuLessConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Less';
import { lessEqualConfig as cpuLessEqualConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/LessEqual';
import { logConfig as cpuLogConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Log';
import { logicalAndConfig as cpuLogicalAndConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/LogicalAnd';
import { logicalNotConfig as cpuLogicalNotConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/LogicalNot';
import { maxConfig as cpuMaxConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Max';
import { maxPoolConfig as cpuMaxPoolConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/MaxPool';
import { maximumConfig as cpuMaximumConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Maximum';
import { meanConfig as cpuMeanConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Mean';
import { minConfig as cpuMinConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Min';
import { minimumConfig as cpuMinimumConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Minimum';
import { modConfig as cpuModConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Mod';
import { multiplyConfig as cpuMultiplyConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Multiply';
import { negConfig as cpuNegConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Neg';
import { notEqualConfig as cpuNotEqualConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/NotEqual';
import { oneHotConfig as cpuOneHotConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/OneHot';
import { onesLikeConfig as cpuOnesLikeConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/OnesLike';
import { packConfig as cpuPackConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Pack';
import { padV2Config as cpuPadV2Config } from '@tensorflow/tfjs-backend-cpu/dist/kernels/PadV2';
import { powConfig as cpuPowConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Pow';
import { prodConfig as cpuProdConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Prod';
import { rangeConfig as cpuRangeConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Range';
import { realConfig as cpuRealConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Real';
import { realDivConfig as cpuRealDivConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/RealDiv';
import { reciprocalConfig as cpuReciprocalConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Reciprocal';
import { reluConfig as cpuReluConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Relu';
import { reshapeConfig as cpuReshapeConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Reshape';
import { reverseConfig as cpuReverseConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Reverse';
import { roundConfig as cpuRoundConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Round';
import { rsqrtConfig as cpuRsqrtConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Rsqrt';
import { scatterNdConfig as cpuScatterNdConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/ScatterNd';
import { selectConfig as cpuSelectConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Select';
import { sigmoidConfig as cpuSigmoidConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sigmoid';
import { signConfig as cpuSignConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sign';
import { sliceConfig as cpuSliceConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Slice';
import { softmaxConfig as cpuSoftmaxConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Softmax';
import { softplusConfig as cpuSoftplusConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Softplus';
import { splitVConfig as cpuSplitVConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/SplitV';
import { sqrtConfig as cpuSqrtConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sqrt';
import { squareConfig as cpuSquareConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Square';
import { squaredDifferenceConfig as cpuSquaredDifferenceConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/SquaredDifference';
import { stepConfig as cpuStepConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Step';
import { stridedSliceConfig as cpuStridedSliceConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/StridedSlice';
import { subConfig as cpuSubConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sub';
import { sumConfig as cpuSumConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Sum';
import { tanhConfig as cpuTanhConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Tanh';
import { tileConfig as cpuTileConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Tile';
import { topKConfig as cpuTopKConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/TopK';
import { transformConfig as cpuTransformConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Transform';
import { transposeConfig as cpuTransposeConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Transpose';
import { unpackConfig as cpuUnpackConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/Unpack';
import { unsortedSegmentSumConfig as cpuUnsortedSegmentSumConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/UnsortedSegmentSum';
import { zerosLikeConfig as cpuZerosLikeConfig } from '@tensorflow/tfjs-backend-cpu/dist/kernels/ZerosLike';

const KERNELS: KernelConfig[] = [
  webglAbsConfig, webglAddConfig, webglAddNConfig, webglArgMaxConfig, webglBatchMatMulConfig, webglBroadcastArgsConfig,
  webglCastConfig, webglCeilConfig, webglClipByValueConfig, webglComplexConfig, webglConcatConfig, webglCumsumConfig,
  webglEinsumConfig, webglEluConfig, webglEqualConfig, webglErfConfig, webglExpConfig, webglExpandDimsConfig,
  webglFillConfig, webglFloorConfig, webglFloorDivConfig, webglGatherNdConfig, webglGatherV2Config, webglGreaterConfig,
  webglGreaterEqualConfig, webglIdentityConfig, webglImagConfig, webglLeakyReluConfig, webglLessConfig, webglLessEqualConfig,
  webglLogConfig, webglLogicalAndConfig, webglLogicalNotConfig, webglMaxConfig, webglMaxPoolConfig, webglMaximumConfig,
  webglMeanConfig, webglMinConfig, webglMinimumConfig, webglModConfig, webglMultiplyConfig, webglNegConfig,
  webglNotEqualConfig, webglOneHotConfig, webglOnesLikeConfig, webglPackConfig, webglPadV2Config, webglPowConfig,
  webglProdConfig, webglRangeConfig, webglRealConfig, webglRealDivConfig, webglReciprocalConfig, webglReluConfig,
  webglReshapeConfig, webglReverseConfig, webglRoundConfig, webglRsqrtConfig, webglScatterNdConfig, webglSelectConfig,
  webglSigmoidConfig, webglSignConfig, webglSliceConfig, webglSoftmaxConfig, webglSoftplusConfig, webglSplitVConfig,
  webglSqrtConfig, webglSquareConfig, webglSquaredDifferenceConfig, webglStepConfig, webglStridedSliceConfig, webglSubConfig,
  webglSumConfig, webglTanhConfig, webglTileConfig, webglTopKConfig, webglTransformConfig, webglTransposeConfig,
  webglUnpackConfig, webglUnsortedSegmentSumConfig, webglZerosLikeConfig, wasmAbsConfig, wasmAddConfig, wasmAddNConfig,
  wasmArgMaxConfig, wasmBatchMatMulConfig, wasmBroadcastArgsConfig, wasmCastConfig, wasmCeilConfig, wasmClipByValueConfig,
  wasmConcatConfig, wasmCumsumConfig, wasmEluConfig, wasmEqualConfig, wasmErfConfig, wasmExpConfig,
  wasmExpandDimsConfig, wasmFillConfig, wasmFloorConfig, wasmFloorDivConfig, wasmGatherNdConfig, wasmGatherV2Config,
  wasmGreaterConfig, wasmGreaterEqualConfig, wasmIdentityConfig, wasmIsNaNConfig, wasmLeakyReluConfig, wasmLessConfig,
  wasmLessEqualConfig, wasmLogConfig, wasmLogicalAndConfig, wasmLogicalNotConfig, wasmMaxConfig, wasmMaxPoolConfig,
  wasmMaximumConfig, wasmMeanConfig, wasmMinConfig, wasmMinimumConfig, wasmModConfig, wasmMultiplyConfig,
  wasmNegConfig, wasmNotEqualConfig, wasmOneHotConfig, wasmOnesLikeConfig, wasmPackConfig, wasmPadV2Config,
  wasmPowConfig, wasmProdConfig, wasmRangeConfig, wasmRealDivConfig, wasmReciprocalConfig, wasmReluConfig,
  wasmReshapeConfig, wasmReverseConfig, wasmRoundConfig, wasmRsqrtConfig, wasmScatterNdConfig, wasmSelectConfig,
  wasmSigmoidConfig, wasmSignConfig, wasmSliceConfig, wasmSoftmaxConfig, wasmSoftplusConfig, wasmSplitVConfig,
  wasmSqrtConfig, wasmSquareConfig, wasmSquaredDifferenceConfig, wasmStepConfig, wasmStridedSliceConfig, wasmSubConfig,
  wasmSumConfig, wasmTanhConfig, wasmTileConfig, wasmTopKConfig, wasmTransformConfig, wasmTransposeConfig,
  wasmUnpackConfig, wasmZerosLikeConfig, cpuAbsConfig, cpuAddConfig, cpuAddNConfig, cpuArgMaxConfig,
  cpuBatchMatMulConfig, cpuBroadcastArgsConfig, cpuCastConfig, cpuCeilConfig, cpuClipByValueConfig, cpuComplexConfig,
  cpuConcatConfig, cpuCumsumConfig, cpuEinsumConfig, cpuEluConfig, cpuEqualConfig, cpuErfConfig,
  cpuExpConfig, cpuExpandDimsConfig, cpuFillConfig, cpuFloorConfig, cpuFloorDivConfig, cpuGatherNdConfig,
  cpuGatherV2Config, cpuGreaterConfig, cpuGreaterEqualConfig, cpuIdentityConfig, cpuImagConfig, cpuLeakyReluConfig,
  cpuLessConfig, cpuLessEqualConfig, cpuLogConfig, cpuLogicalAndConfig, cpuLogicalNotConfig, cpuMaxConfig,
  cpuMaxPoolConfig, cpuMaximumConfig, cpuMeanConfig, cpuMinConfig, cpuMinimumConfig, cpuModConfig,
  cpuMultiplyConfig, cpuNegConfig, cpuNotEqualConfig, cpuOneHotConfig, cpuOnesLikeConfig, cpuPackConfig,
  cpuPadV2Config, cpuPowConfig, cpuProdConfig, cpuRangeConfig, cpuRealConfig, cpuRealDivConfig,
  cpuReciprocalConfig, cpuReluConfig, cpuReshapeConfig, cpuReverseConfig, cpuRoundConfig, cpuRsqrtConfig,
  cpuScatterNdConfig, cpuSelectConfig, cpuSigmoidConfig, cpuSignConfig, cpuSliceConfig, cpuSoftmaxConfig,
  cpuSoftplusConfig, cpuSplitVConfig, cpuSqrtConfig, cpuSquareConfig, cpuSquaredDifferenceConfig, cpuStepConfig,
  cpuStridedSliceConfig, cpuSubConfig, cpuSumConfig, cpuTanhConfig, cpuTileConfig, cpuTopKConfig,
  cpuTransformConfig, cpuTransposeConfig, cpuUnpackConfig, cpuUnsortedSegmentSumConfig, cpuZerosLikeConfig,
];

/** Registers the worker's kernel set on every backend (idempotent per kernel). */
for (const k of KERNELS) registerKernel(k);
