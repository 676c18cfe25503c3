//===- Trainer.cpp - Compiling and running training steps -----------------===//
#include "loom/Training/Trainer.h"

#include "loom/Compiler/MLIRCompile.h"


#include <fmt/format.h>

namespace loom::training {
namespace {

double scalarValue(const Tensor &tensor) {
  return tensor.dtype() == DType::F64 ? *tensor.data<double>()
                                      : *tensor.data<float>();
}

} // namespace

Trainer::Trainer(Executable executable, TrainStepLayout layout,
                 Optimizer optimizer, std::vector<NamedTensor> parameters,
                 std::vector<NamedTensor> state,
                 std::shared_ptr<Communicator> communicator)
    : compiled(std::move(executable)), stepLayout(std::move(layout)),
      optimizerConfig(optimizer), params(std::move(parameters)),
      state(std::move(state)), ranks(std::move(communicator)) {
  if (stepLayout.exchangesGradients)
    communicatorHandle =
        Tensor::scalar<int64_t>(ranks ? ranks->handle() : int64_t{0});
}
Trainer::Trainer(Trainer &&) noexcept = default;
Trainer &Trainer::operator=(Trainer &&) noexcept = default;
Trainer::~Trainer() = default;

const Tensor *Trainer::parameter(std::string_view name) const {
  for (const NamedTensor &param : params)
    if (param.name == name)
      return &param.tensor;
  return nullptr;
}

Expected<void> Trainer::checkNotMovedFrom() const {
  if (!compiled.signature(stepLayout.entry))
    return Error(ErrorKind::InvalidArgument,
                 "the trainer was moved from: it holds no training step");
  return {};
}

std::vector<ArgumentInfo> Trainer::batchInputs() const {
  const Signature *signature = compiled.signature(stepLayout.entry);
  if (!signature)
    return {};
  size_t first = params.size() + state.size();
  size_t passedByTrainer = stepLayout.exchangesGradients ? 1 : 0;
  return {signature->arguments.begin() + first,
          signature->arguments.end() - passedByTrainer};
}

Expected<std::vector<double>>
Trainer::stepPhases(const std::vector<Tensor> &batch) {
  if (Expected<void> usable = checkNotMovedFrom(); !usable)
    return usable.error();
  std::vector<ArgumentInfo> expected = batchInputs();
  if (batch.size() != expected.size()) {
    std::string names;
    for (const ArgumentInfo &input : expected)
      names += (names.empty() ? "" : ", ") + input.name + ": " +
               input.type.str();
    return Error(ErrorKind::InvalidArgument, fmt::format("the training step takes {} batch input(s) ({}), "
                             "got {}",
                             expected.size(), names, batch.size()));
  }
  std::vector<Tensor> args;
  args.reserve(params.size() + state.size() + batch.size());
  for (const NamedTensor &param : params)
    args.push_back(param.tensor);
  for (const NamedTensor &entry : state)
    args.push_back(entry.tensor);
  args.insert(args.end(), batch.begin(), batch.end());
  if (communicatorHandle)
    args.push_back(*communicatorHandle);

  Expected<std::vector<Tensor>> losses =
      compiled.runInPlace(stepLayout.entry, args);
  if (!losses)
    return losses.error();
  ++steps;
  std::vector<double> values;
  for (const Tensor &loss : *losses)
    values.push_back(scalarValue(loss));
  return values;
}

Expected<double> Trainer::step(const std::vector<Tensor> &batch) {
  Expected<std::vector<double>> losses = stepPhases(batch);
  if (!losses)
    return losses.error();
  return losses->front();
}

Expected<std::vector<Tensor>>
Trainer::run(std::string_view entry, const std::vector<Tensor> &inputs) const {
  if (Expected<void> usable = checkNotMovedFrom(); !usable)
    return usable.error();
  const Signature *signature = compiled.signature(entry);
  if (!signature)
    return Error(ErrorKind::InvalidArgument, "no entry function '" + std::string(entry) +
                 "' in the trainer's module");
  std::vector<Tensor> args;
  size_t nextInput = 0;
  for (const ArgumentInfo &argument : signature->arguments) {
    if (argument.kind == ArgumentKind::Parameter) {
      const Tensor *value = parameter(argument.name);
      if (!value)
        return Error(ErrorKind::InvalidArgument, fmt::format("'{}' reads parameter '{}', which the "
                                 "trainer does not hold",
                                 entry, argument.name));
      args.push_back(*value);
      continue;
    }
    if (nextInput == inputs.size())
      return Error(ErrorKind::InvalidArgument, fmt::format("'{}' takes more inputs than the {} given "
                               "(next: '{}' {})",
                               entry, inputs.size(), argument.name,
                               argument.type.str()));
    args.push_back(inputs[nextInput++]);
  }
  if (nextInput != inputs.size())
    return Error(ErrorKind::InvalidArgument, fmt::format("'{}' takes {} inputs besides its parameters, "
                             "got {}",
                             entry, nextInput, inputs.size()));
  return compiled.run(entry, args);
}

Expected<mlir::OwningOpRef<mlir::ModuleOp>>
buildTrainStepModule(mlir::ModuleOp module, const std::vector<TrainPhase> &phases,
                     const Optimizer &optimizer, TrainStepLayout *layout,
                     const TrainStepOptions &stepOptions) {
  if (Expected<void> valid = validate(optimizer); !valid)
    return valid.error();
  mlir::OwningOpRef<mlir::ModuleOp> copy(module.clone());
  auto built = buildTrainStep(*copy, phases, optimizer, stepOptions);
  if (!built)
    return built.error();
  if (layout)
    *layout = built->second;
  return copy;
}

Expected<Trainer> compileTrainStep(mlir::ModuleOp module,
                                   const std::vector<TrainPhase> &phases,
                                   const Optimizer &optimizer,
                                   const TrainerOptions &options) {
  TrainStepLayout layout;
  TrainStepOptions stepOptions;
  if (options.communicator)
    stepOptions.exchange = options.exchange;
  Expected<mlir::OwningOpRef<mlir::ModuleOp>> stepModule =
      buildTrainStepModule(module, phases, optimizer, &layout, stepOptions);
  if (!stepModule)
    return stepModule.error();
  Expected<Executable> executable =
      compileModule(**stepModule, options.compiler);
  if (!executable)
    return executable.error();

  Expected<std::vector<Tensor>> initial =
      executable->initialParameters(layout.entry, options.seed);
  if (!initial)
    return initial.error();
  std::vector<NamedTensor> parameters, state;
  for (size_t i = 0; i < layout.parameters.size(); ++i) {
    // Every rank starts from rank 0's parameters, whatever its seed.
    if (options.communicator)
      if (Expected<void> sent = options.communicator->broadcast(
              (*initial)[i].rawData(), (*initial)[i].numBytes(), 0);
          !sent)
        return sent.error().withContext("initial parameter '" +
                                        layout.parameters[i] + "'");
    parameters.push_back({layout.parameters[i], (*initial)[i]});
  }
  const Signature *signature = executable->signature(layout.entry);
  try {
    for (size_t i = 0; i < layout.state.size(); ++i) {
      const TensorSpec &type = signature->arguments[parameters.size() + i].type;
      state.push_back({layout.state[i], Tensor::zeros(type.shape, type.dtype)});
    }
  } catch (const Error &outOfMemory) {
    return outOfMemory;
  }
  return Trainer(std::move(*executable), std::move(layout), optimizer,
                 std::move(parameters), std::move(state), options.communicator);
}

Expected<Trainer> compileTrainStep(mlir::ModuleOp module,
                                   std::string_view lossEntry,
                                   const Optimizer &optimizer,
                                   const TrainerOptions &options) {
  return compileTrainStep(module, {TrainPhase{std::string(lossEntry), {}, ""}},
                          optimizer, options);
}

} // namespace loom::training
