// The attention model's forward and training step from their AOT artifacts:
// writes the inputs and results under argv[2].
#include "attn.h"
#include "attn_train_step.h"
#include "Driver.h"

#include <filesystem>

int main(int argc, char **argv) {
  std::string artifacts = argv[1], out = argv[2];
  std::filesystem::create_directories(out + "/forward");
  std::filesystem::create_directories(out + "/train_step");
  loom::Tensor x = driver::wave({2, 128, 256});
  loom::Tensor labels = loom::Tensor::fromVector<int32_t>({2}, {3, 7});
  driver::write(out + "/x.npy", x);
  driver::write(out + "/labels.npy", labels);

  attn::Parameters parameters = *driver::check(
      attn::Parameters::load(artifacts + "/attn/params"), "parameters");
  auto results = *driver::check(attn::forward(x, labels, parameters), "forward");
  driver::writeReturned(*driver::check(attn::executable(), "executable"),
                        "forward", results, /*inPlace=*/false, out);

  auto step = *driver::check(
      attn_train_step::Parameters::load(artifacts + "/attn_train_step/params"),
      "step parameters");
  attn_train_step::State state = attn_train_step::State::zeros();
  auto loss = *driver::check(attn_train_step::train_step(x, labels, step, state),
                           "train_step");
  const loom::Executable &executable =
      *driver::check(attn_train_step::executable(), "executable");
  driver::writeReturned(executable, "train_step", loss, /*inPlace=*/true, out);
  driver::writeUpdated(executable, "train_step", "block.attn.q.weight",
                      step.block_attn_q_weight, out);
  driver::writeUpdated(executable, "train_step", "head.bias", step.head_bias, out);
  driver::writeUpdated(executable, "train_step", "block.ln1.weight.exp_avg",
                      state.block_ln1_weight_exp_avg, out);
  return 0;
}
