#!/usr/bin/env node
// The agents' MLP: one forward + backward pass of a 16→64→64→4 ReLU network on a batch of 64 (a PPO
// or DQN minibatch) and a batch-1 forward (acting), through
//   - the hand-written DenseMlp (src/models/mlp, manual backprop),
//   - the models room's autograd tape (src/models/autograd: matmul, addRowVector, leakyRelu(0)),
//   - TensorFlow.js (tfjs-core with the pure-JS cpu backend, and the wasm backend) when --tfjs DIR
//     names a folder where `npm install @tensorflow/tfjs
//     @tensorflow/tfjs-backend-wasm` was run (kept out of the project's dependencies).
// All compute the same loss sum(output ⊙ G) and its parameter gradients; the first rows check they agree.
// Usage: npm run build && node bench/env-agents/mlp.mjs [--tfjs /tmp/tfjs-bench] [--rounds 5]
import { createRequire } from "node:module";
import path from "node:path";
import { autograd, DenseMlp, seededRandom } from "../../dist/models/index.js";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const rounds = Number(option("rounds", 5));
const tfjsDirectory = option("tfjs", undefined);
const sizes = [16, 64, 64, 4];
const batch = 64;

const random = seededRandom(7);
const input = Float64Array.from({ length: batch * sizes[0] }, () => random.normal());
const single = input.slice(0, sizes[0]);
const upstream = Float64Array.from({ length: batch * sizes[3] }, () => random.normal());
const net = new DenseMlp({ sizes, activation: "relu", random: seededRandom(1) });

/** Median microseconds per call of each method's `kind` work, rounds interleaved across methods. */
async function time(kind, calls) {
  const perRound = methods.map(() => []);
  for (let round = -1; round < rounds; round++) {
    for (const [index, method] of methods.entries()) {
      if (method.backend) await setBackend(method.backend);
      const work = method[kind];
      const started = performance.now();
      for (let call = 0; call < calls; call++) work();
      if (round >= 0) perRound[index].push(((performance.now() - started) * 1000) / calls);
    }
  }
  return perRound.map((values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]);
}

const methods = [];
let setBackend = async () => {};

methods.push({
  name: "DenseMlp (hand-written backprop)",
  train() {
    for (const parameter of net.parameters) parameter.grad?.fill(0);
    net.backward(net.forwardPass(input, batch), upstream);
    return net.layers[0].weight.grad;
  },
  act: () => net.forward(single, 1),
});

/** DenseMlp keeps torch's out × in weights; the tape and TensorFlow.js multiply x · W with W in × out. */
const transpose = (values, rows, columns) => {
  const out = new Float64Array(values.length);
  for (let row = 0; row < rows; row++)
    for (let column = 0; column < columns; column++)
      out[column * rows + row] = values[row * columns + column];
  return out;
};
const firstLayer = net.layers[0].weight;
const asDenseLayout = (gradient) => transpose(gradient, firstLayer.columns, firstLayer.rows);

const tensors = net.layers.map((layer) => ({
  weight: new autograd.Tensor(
    transpose(layer.weight.data, layer.weight.rows, layer.weight.columns),
    layer.weight.columns,
    layer.weight.rows,
    {
      isParameter: true,
    },
  ),
  bias: new autograd.Tensor(layer.bias.data, 1, layer.bias.columns, { isParameter: true }),
}));
// The same network with row-update loops (out[row] += x[row][k] · W[k], skipping zeros), the form
// DenseMlp had before its kernels were rewritten as dot products; weights in × out.
const rowLayers = tensors.map((layer) => ({
  weight: layer.weight.data,
  bias: layer.bias.data,
  inputs: layer.weight.rows,
  outputs: layer.weight.columns,
}));
const rowGradients = rowLayers.map((layer) => ({
  weight: new Float64Array(layer.weight.length),
  bias: new Float64Array(layer.bias.length),
}));
function rowForward(values, rows) {
  const activations = [values];
  let current = values;
  rowLayers.forEach((layer, index) => {
    const out = new Float64Array(rows * layer.outputs);
    for (let row = 0; row < rows; row++) {
      const base = row * layer.outputs;
      for (let unit = 0; unit < layer.outputs; unit++) out[base + unit] = layer.bias[unit];
      for (let k = 0; k < layer.inputs; k++) {
        const value = current[row * layer.inputs + k];
        if (value === 0) continue;
        for (let unit = 0; unit < layer.outputs; unit++)
          out[base + unit] += value * layer.weight[k * layer.outputs + unit];
      }
    }
    if (index < rowLayers.length - 1)
      for (let entry = 0; entry < out.length; entry++) if (out[entry] < 0) out[entry] = 0;
    activations.push(out);
    current = out;
  });
  return activations;
}
function rowBackward(activations, rows, gradient) {
  let upstream = gradient;
  for (let index = rowLayers.length - 1; index >= 0; index--) {
    const layer = rowLayers[index];
    const input = activations[index];
    if (index < rowLayers.length - 1) {
      const output = activations[index + 1];
      upstream = upstream.map((value, entry) => (output[entry] > 0 ? value : 0));
    }
    const back = new Float64Array(index > 0 ? rows * layer.inputs : 0);
    for (let row = 0; row < rows; row++) {
      const base = row * layer.outputs;
      for (let unit = 0; unit < layer.outputs; unit++)
        rowGradients[index].bias[unit] += upstream[base + unit];
      for (let k = 0; k < layer.inputs; k++) {
        const value = input[row * layer.inputs + k];
        if (value === 0) continue;
        let sum = 0;
        for (let unit = 0; unit < layer.outputs; unit++) {
          rowGradients[index].weight[k * layer.outputs + unit] += value * upstream[base + unit];
          sum += upstream[base + unit] * layer.weight[k * layer.outputs + unit];
        }
        if (index > 0) back[row * layer.inputs + k] = sum;
      }
    }
    upstream = back;
  }
}
methods.push({
  name: "row-update loops (DenseMlp's first kernels)",
  train() {
    for (const gradient of rowGradients) {
      gradient.weight.fill(0);
      gradient.bias.fill(0);
    }
    rowBackward(rowForward(input, batch), batch, upstream);
    return asDenseLayout(rowGradients[0].weight);
  },
  act: () => rowForward(single, 1).at(-1),
});

const autogradForward = (values, rows) => {
  let current = new autograd.Tensor(values, rows, sizes[0]);
  tensors.forEach((layer, index) => {
    current = autograd.addRowVector(autograd.matmul(current, layer.weight), layer.bias);
    if (index < tensors.length - 1) current = autograd.leakyRelu(current, 0);
  });
  return current;
};
const upstreamTensor = new autograd.Tensor(upstream, batch, sizes[3]);
methods.push({
  name: "autograd tape (src/models/autograd)",
  train() {
    for (const layer of tensors) {
      layer.weight.grad?.fill(0);
      layer.bias.grad?.fill(0);
    }
    autograd.backward(autograd.sumAll(autograd.multiply(autogradForward(input, batch), upstreamTensor)));
    return asDenseLayout(tensors[0].weight.grad);
  },
  act: () => autogradForward(single, 1).data,
});

if (tfjsDirectory) {
  const require = createRequire(path.join(path.resolve(tfjsDirectory), "package.json"));
  // The union package registers every op's gradient (tfjs-core alone does not in Node).
  const tf = require("@tensorflow/tfjs");
  require("@tensorflow/tfjs-backend-wasm");
  await tf.setBackend("cpu");
  const variables = tensors.map((layer) => ({
    weight: tf.variable(
      tf.tensor2d(Float32Array.from(layer.weight.data), [layer.weight.rows, layer.weight.columns]),
    ),
    bias: tf.variable(tf.tensor1d(Float32Array.from(layer.bias.data))),
  }));
  const x = tf.tensor2d(Float32Array.from(input), [batch, sizes[0]]);
  const x1 = tf.tensor2d(Float32Array.from(single), [1, sizes[0]]);
  const g = tf.tensor2d(Float32Array.from(upstream), [batch, sizes[3]]);
  const forward = (values) =>
    variables.reduce((current, layer, index) => {
      const out = tf.add(tf.matMul(current, layer.weight), layer.bias);
      return index < variables.length - 1 ? tf.relu(out) : out;
    }, values);
  for (const backend of ["cpu", "wasm"]) {
    await tf.setBackend(backend);
    await tf.ready();
    methods.push({
      name: `TensorFlow.js ${tf.version_core} (${backend} backend, float32)`,
      train: () =>
        tf.tidy(() => {
          const { grads } = tf.variableGrads(() => tf.sum(tf.mul(forward(x), g)));
          return asDenseLayout(Float64Array.from(grads[variables[0].weight.name].dataSync()));
        }),
      act: () => tf.tidy(() => forward(x1).dataSync()),
      backend,
    });
  }
  setBackend = (name) => tf.setBackend(name);
}

const reference = methods[0].train();
const differences = [];
for (const method of methods) {
  if (method.backend) await setBackend(method.backend);
  const gradient = method.train();
  let difference = 0;
  for (let index = 0; index < reference.length; index++)
    difference = Math.max(difference, Math.abs(gradient[index] - reference[index]));
  differences.push(difference);
}
const train = await time("train", 200);
const act = await time("act", 2000);
console.log(
  `MLP ${sizes.join("→")}, ReLU; train = forward + backward on a batch of ${batch}; act = forward of 1 row`,
);
console.log(`median of ${rounds} interleaved rounds after a warm-up round (node ${process.version})`);
console.log("");
console.log(
  "| implementation | train µs | act µs | train ÷ DenseMlp | act ÷ DenseMlp | max gradient difference |",
);
console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
for (const [index, method] of methods.entries()) {
  console.log(
    `| ${method.name} | ${train[index].toFixed(1)} | ${act[index].toFixed(2)} | ${(train[index] / train[0]).toFixed(2)}× | ${(act[index] / act[0]).toFixed(2)}× | ${differences[index].toExponential(1)} |`,
  );
}
