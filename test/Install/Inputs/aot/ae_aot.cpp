// The AE's forward and training step from their AOT artifacts, with the
// parameters loomc wrote: writes the inputs and results under argv[2].
#include "ae.h"
#include "ae_train_step.h"
#include "Driver.h"

#include <filesystem>

int main(int argc, char **argv) {
  std::string artifacts = argv[1], out = argv[2];
  std::filesystem::create_directories(out + "/forward");
  std::filesystem::create_directories(out + "/train_step");
  loom::Tensor x = driver::wave({4, 784});
  driver::write(out + "/x.npy", x);

  ae::Parameters parameters =
      *driver::check(ae::Parameters::load(artifacts + "/ae/params"), "parameters");
  auto results = *driver::check(ae::forward(x, parameters), "forward");
  driver::writeReturned(*driver::check(ae::executable(), "executable"),
                        "forward", results, /*inPlace=*/false, out);
  // The header says where each result is, by name.
  driver::write(out + "/forward-loss.npy", results.at(ae::forward_results::loss));

  // One training step from the same parameters and zero optimizer state:
  // the loss, then parameters and state updated in place.
  auto step = *driver::check(
      ae_train_step::Parameters::load(artifacts + "/ae_train_step/params"),
      "step parameters");
  ae_train_step::State state = ae_train_step::State::zeros();
  auto loss = *driver::check(ae_train_step::train_step(x, step, state), "train_step");
  const loom::Executable &executable =
      *driver::check(ae_train_step::executable(), "executable");
  driver::writeReturned(executable, "train_step", loss, /*inPlace=*/true, out);
  driver::writeUpdated(executable, "train_step", "enc.fc1.weight", step.enc_fc1_weight, out);
  driver::writeUpdated(executable, "train_step", "dec.fc3.bias", step.dec_fc3_bias, out);
  driver::writeUpdated(executable, "train_step", "enc.fc1.weight.exp_avg_sq",
                      state.enc_fc1_weight_exp_avg_sq, out);
  driver::writeUpdated(executable, "train_step", "step", state.step, out);

  // Misuse is an error value: a wrong shape names the argument.
  auto wrong = ae::forward(driver::wave({2, 784}), parameters);
  std::cout << (wrong ? "no error" : wrong.error().message()) << "\n";
  return 0;
}
