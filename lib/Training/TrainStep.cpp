//===- TrainStep.cpp - Loss -> gradient -> optimizer, as one function -----===//
#include "loom/Training/TrainStep.h"

#include "loom/Dialect/Loom/IR/LoomABI.h"
#include "loom/Dialect/Loom/IR/LoomOps.h"
#include "loom/Dialect/Loom/Transforms/Autodiff.h"
#include "loom/Support/Diagnostics.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/StringMap.h"

using namespace mlir;

namespace loom::training {
namespace {

bool isScalarFloat(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor && tensor.getRank() == 0 &&
         isa<FloatType>(tensor.getElementType());
}

bool isFloatTensor(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor && isa<FloatType>(tensor.getElementType());
}

/// One named argument of the step: its type and the attributes it carries.
struct NamedArgument {
  std::string name;
  Type type;
  DictionaryAttr attrs;
};

/// Appends `name` to `arguments` unless present; an existing entry must have
/// the same type.
LogicalResult addNamedArgument(func::FuncOp func, unsigned index,
                               StringRef name,
                               std::vector<NamedArgument> &arguments) {
  Type type = func.getArgumentTypes()[index];
  for (const NamedArgument &existing : arguments) {
    if (existing.name != name)
      continue;
    if (existing.type != type)
      return func.emitError("argument '")
             << name << "' of @" << func.getSymName() << " has type " << type
             << " but another loss function gives it type " << existing.type;
    return success();
  }
  arguments.push_back({name.str(), type, func.getArgAttrDict(index)});
  return success();
}

LogicalResult checkNameIsFree(ModuleOp module, StringRef name) {
  if (module.lookupSymbol(name))
    return module.emitError("cannot build the training step: the module "
                            "already has a symbol named @")
           << name;
  return success();
}

FailureOr<unsigned> findLossResult(func::FuncOp func) {
  unsigned count = func.getNumResults();
  if (count > 0 && isScalarFloat(func.getResultTypes()[0]))
    return 0u;
  if (count > 0 && isScalarFloat(func.getResultTypes()[count - 1]))
    return count - 1;
  return func.emitError("@")
         << func.getSymName()
         << " has no loss: neither its first nor its last result is a "
            "rank-0 float tensor";
}

FailureOr<func::FuncOp> addLossFirstCopy(func::FuncOp func, StringRef name) {
  // The copy's results are its func.return's operands, reordered.
  if (func.isExternal() || !func.getBody().hasOneBlock() ||
      !isa<func::ReturnOp>(func.front().getTerminator()))
    return func.emitError("cannot train @")
           << func.getSymName()
           << ": it must have a body of exactly one block, ending in func.return";
  FailureOr<unsigned> lossIndex = findLossResult(func);
  if (failed(lossIndex))
    return failure();
  auto module = func->getParentOfType<ModuleOp>();
  if (failed(checkNameIsFree(module, name)))
    return failure();

  SmallVector<unsigned> order{*lossIndex};
  for (unsigned i = 0; i < func.getNumResults(); ++i)
    if (i != *lossIndex)
      order.push_back(i);

  func::FuncOp copy = func.clone();
  copy.setSymName(name);
  copy.setPrivate();
  auto ret = cast<func::ReturnOp>(copy.front().getTerminator());
  SmallVector<Value> operands;
  SmallVector<Type> types;
  SmallVector<DictionaryAttr> attrs;
  for (unsigned i : order) {
    operands.push_back(ret.getOperand(i));
    types.push_back(func.getResultTypes()[i]);
    attrs.push_back(func.getResultAttrDict(i));
  }
  ret->setOperands(operands);
  copy.setType(FunctionType::get(func.getContext(), func.getArgumentTypes(),
                                 types));
  copy.setAllResultAttrs(attrs);
  SymbolTable(module).insert(copy, std::next(Block::iterator(func)));
  return copy;
}

/// `values` averaged over the ranks of `communicator`, in buckets of at most
/// `bucketBytes` of one element type each, in order.
SmallVector<Value> exchangeInBuckets(OpBuilder &builder, Location loc,
                                     Value communicator, ValueRange values,
                                     size_t bucketBytes) {
  SmallVector<Value> exchanged;
  SmallVector<Value> bucket;
  size_t bytes = 0;
  auto flush = [&] {
    if (bucket.empty())
      return;
    auto reduced = AllReduceOp::create(builder, loc, CollectiveReduction::mean,
                                       communicator, bucket);
    llvm::append_range(exchanged, reduced.getResults());
    bucket.clear();
    bytes = 0;
  };
  for (Value value : values) {
    auto type = cast<RankedTensorType>(value.getType());
    size_t size = type.getNumElements() * type.getElementTypeBitWidth() / 8;
    if (!bucket.empty() &&
        (getElementTypeOrSelf(bucket.front().getType()) !=
             type.getElementType() ||
         bytes + size > bucketBytes))
      flush();
    bucket.push_back(value);
    bytes += size;
  }
  flush();
  return exchanged;
}

FailureOr<std::pair<func::FuncOp, TrainStepLayout>>
addTrainStep(ModuleOp module, ArrayRef<TrainPhase> phases,
             const Optimizer &optimizer, const TrainStepOptions &options) {
  StringRef name = options.name;
  if (Expected<void> valid = validate(optimizer); !valid)
    return module.emitError(valid.error().message());
  if (phases.empty())
    return module.emitError("a training step needs at least one phase");
  if (failed(checkNameIsFree(module, name)))
    return failure();

  // Arguments of the step, gathered from every phase by name.
  std::vector<NamedArgument> parameters, inputs;
  std::vector<func::FuncOp> entries;
  std::vector<std::vector<std::string>> updatedByPhase;
  for (const TrainPhase &phase : phases) {
    auto entry = module.lookupSymbol<func::FuncOp>(phase.lossEntry);
    if (!entry || entry.isExternal())
      return module.emitError("no function @")
             << phase.lossEntry << " with a body to compute the loss";
    if (failed(findLossResult(entry)))
      return failure();
    std::vector<std::string> floatParameters;
    for (unsigned i = 0; i < entry.getNumArguments(); ++i) {
      StringAttr param = abi::getParameterName(entry, i);
      StringAttr input = abi::getInputName(entry, i);
      if (!param && !input)
        return entry.emitError("argument #")
               << i << " of @" << entry.getSymName() << " is neither a `"
               << abi::kParam << "` nor a `" << abi::kInput
               << "`; a training step feeds only named arguments";
      if (failed(addNamedArgument(entry, i, (param ? param : input).getValue(),
                                  param ? parameters : inputs)))
        return failure();
      if (param && isFloatTensor(entry.getArgumentTypes()[i]))
        floatParameters.push_back(param.getValue().str());
    }
    std::vector<std::string> updated =
        phase.parameters.empty() ? floatParameters : phase.parameters;
    for (const std::string &parameter : updated)
      if (!llvm::is_contained(floatParameters, parameter))
        return entry.emitError("cannot update parameter '")
               << parameter << "': @" << entry.getSymName()
               << " has no float parameter of that name";
    if (updated.empty())
      return entry.emitError("@") << entry.getSymName()
                                  << " has no float parameter to train";
    entries.push_back(entry);
    updatedByPhase.push_back(std::move(updated));
  }

  MLIRContext *context = module.getContext();
  Builder attrBuilder(context);
  if (options.exchange) {
    for (const NamedArgument &input : inputs)
      if (input.name == kCommunicatorInput)
        return module.emitError("a data-parallel step adds the input '")
               << kCommunicatorInput
               << "', but the model already has an input of that name";
    inputs.push_back({kCommunicatorInput,
                      RankedTensorType::get({}, IntegerType::get(context, 64)),
                      attrBuilder.getDictionaryAttr(
                          abi::input(context, kCommunicatorInput))});
  }

  // The parameters some phase updates, in argument order, each with its
  // state; the others are read but stay as they are.
  TrainStepLayout layout;
  layout.entry = name.str();
  layout.numPhases = phases.size();
  std::vector<NamedArgument> updatedParameters;
  for (auto [index, parameter] : llvm::enumerate(parameters))
    for (const std::vector<std::string> &updated : updatedByPhase)
      if (llvm::is_contained(updated, parameter.name)) {
        updatedParameters.push_back(parameter);
        layout.updated.push_back(index);
        break;
      }

  auto stateAttrs = [&](const std::string &stateName) {
    return attrBuilder.getDictionaryAttr(abi::state(context, stateName));
  };
  std::vector<NamedArgument> state;
  std::vector<std::string> suffixes = perParameterState(optimizer);
  for (const NamedArgument &parameter : updatedParameters)
    for (const std::string &suffix : suffixes) {
      std::string stateName = parameter.name + "." + suffix;
      state.push_back({stateName, parameter.type, stateAttrs(stateName)});
    }
  std::vector<std::optional<size_t>> phaseCounter(phases.size());
  if (usesStepCounter(optimizer))
    for (auto [index, phase] : llvm::enumerate(phases)) {
      const std::string &first = updatedByPhase[index].front();
      auto parameter = llvm::find_if(updatedParameters, [&](const auto &p) {
        return p.name == first;
      });
      auto type = RankedTensorType::get(
          {}, cast<RankedTensorType>(parameter->type).getElementType());
      std::string stateName =
          phase.name.empty() ? std::string("step") : phase.name + ".step";
      phaseCounter[index] = state.size();
      state.push_back({stateName, type, stateAttrs(stateName)});
    }

  SmallVector<Type> argumentTypes, resultTypes;
  SmallVector<DictionaryAttr> argumentAttrs, resultAttrs;
  for (const auto *group : {&parameters, &state, &inputs})
    for (const NamedArgument &argument : *group) {
      argumentTypes.push_back(argument.type);
      argumentAttrs.push_back(argument.attrs);
    }
  // Each phase's loss keeps its name ("loss" if it has none), prefixed with
  // the phase's name, or with its loss function's when several phases are
  // unnamed.
  for (auto [phase, entry] : llvm::zip(phases, entries)) {
    unsigned lossResult = *findLossResult(entry);
    resultTypes.push_back(entry.getResultTypes()[lossResult]);
    StringAttr given = abi::getResultName(entry, lossResult);
    std::string lossName = given ? given.str() : "loss";
    if (!phase.name.empty())
      lossName = phase.name + "." + lossName;
    else if (phases.size() > 1)
      lossName = phase.lossEntry + "." + lossName;
    resultAttrs.push_back(
        attrBuilder.getDictionaryAttr(abi::result(context, lossName)));
  }
  auto tiedTo = [&](size_t argument) {
    return attrBuilder.getDictionaryAttr(abi::tiedTo(context, argument));
  };
  SmallVector<size_t> tiedArguments(layout.updated.begin(),
                                    layout.updated.end());
  for (size_t i = 0; i < state.size(); ++i)
    tiedArguments.push_back(parameters.size() + i);
  for (size_t argument : tiedArguments) {
    resultTypes.push_back(argumentTypes[argument]);
    resultAttrs.push_back(tiedTo(argument));
  }

  OpBuilder builder(context);
  builder.setInsertionPointToEnd(module.getBody());
  Location loc = entries.front().getLoc();
  auto step = func::FuncOp::create(
      builder, loc, name, FunctionType::get(context, argumentTypes, resultTypes));
  step.setAllArgAttrs(argumentAttrs);
  step.setAllResultAttrs(resultAttrs);
  Block *body = step.addEntryBlock();
  builder.setInsertionPointToEnd(body);

  // The current value of every parameter, state and input, by name.
  llvm::StringMap<Value> current;
  size_t position = 0;
  for (const auto *group : {&parameters, &state, &inputs})
    for (const NamedArgument &argument : *group)
      current[argument.name] = body->getArgument(position++);

  SmallVector<Value> losses;
  auto fail = [&]() -> FailureOr<std::pair<func::FuncOp, TrainStepLayout>> {
    step.erase();
    return failure();
  };
  for (auto [index, entry] : llvm::enumerate(entries)) {
    std::string prefix = "__" + name.str() + "_phase" + std::to_string(index);
    FailureOr<func::FuncOp> loss =
        addLossFirstCopy(entry, prefix + "_loss");
    if (failed(loss))
      return fail();
    // Differentiate the canonical form of a product with a weight shared
    // over the batch (loom.matmul's canonicalization), so that its gradient
    // is that of one 2-D product, not of a broadcast and a batched product.
    RewritePatternSet matmulForms(context);
    MatmulOp::getCanonicalizationPatterns(matmulForms, context);
    (void)applyPatternsGreedily(
        *loss, std::move(matmulForms),
        GreedyRewriteConfig().enableFolding(false).enableConstantCSE(false)
            .setRegionSimplificationLevel(GreedySimplifyRegionLevel::Disabled));
    SmallVector<unsigned> differentiated;
    for (unsigned i = 0; i < loss->getNumArguments(); ++i) {
      StringAttr param = abi::getParameterName(*loss, i);
      if (param && llvm::is_contained(updatedByPhase[index], param.getValue()))
        differentiated.push_back(i);
    }
    FailureOr<func::FuncOp> grad =
        buildGradientFunction(*loss, differentiated, prefix + "_grad");
    if (failed(grad)) {
      loss->erase();
      return fail();
    }

    // Inline the gradient function, fed with the current values.
    IRMapping mapping;
    for (unsigned i = 0; i < grad->getNumArguments(); ++i) {
      StringAttr param = abi::getParameterName(*grad, i);
      StringAttr input = abi::getInputName(*grad, i);
      mapping.map(grad->getArgument(i),
                  current.lookup((param ? param : input).getValue()));
    }
    for (Operation &op : grad->front().without_terminator())
      builder.clone(op, mapping);
    auto ret = cast<func::ReturnOp>(grad->front().getTerminator());
    SmallVector<Value> lossAndGradients{mapping.lookup(ret.getOperand(0))};
    for (Value gradient : ret.getOperands().take_back(differentiated.size()))
      lossAndGradients.push_back(mapping.lookup(gradient));
    if (options.exchange)
      lossAndGradients =
          exchangeInBuckets(builder, entry.getLoc(),
                            current[kCommunicatorInput], lossAndGradients,
                            options.exchange->bucketBytes);
    if (options.transform) {
      SmallVector<Value> transformed =
          options.transform(builder, entry.getLoc(), lossAndGradients);
      if (transformed.size() != lossAndGradients.size() ||
          !llvm::equal(ValueRange(transformed).getTypes(),
                       ValueRange(lossAndGradients).getTypes())) {
        entry.emitError("the gradient transform of the training step must "
                        "return one value of the same type per loss and "
                        "gradient");
        grad->erase();
        loss->erase();
        return fail();
      }
      lossAndGradients = std::move(transformed);
    }
    losses.push_back(lossAndGradients.front());
    ArrayRef<Value> gradients = ArrayRef<Value>(lossAndGradients).drop_front();

    Value counter;
    if (phaseCounter[index]) {
      const NamedArgument &counterState = state[*phaseCounter[index]];
      auto one = DenseElementsAttr::get(
          cast<RankedTensorType>(counterState.type),
          FloatAttr::get(
              cast<RankedTensorType>(counterState.type).getElementType(), 1.0));
      counter = AddOp::create(builder, entry.getLoc(),
                              current[counterState.name],
                              ConstantOp::create(builder, entry.getLoc(),
                                                 cast<ElementsAttr>(one)));
      current[counterState.name] = counter;
    }
    for (auto [argument, gradient] : llvm::zip(differentiated, gradients)) {
      std::string parameter =
          abi::getParameterName(*grad, argument).getValue().str();
      SmallVector<Value> stateValues;
      for (const std::string &suffix : suffixes)
        stateValues.push_back(current[parameter + "." + suffix]);
      SmallVector<Value> updated = emitParameterUpdate(
          builder, entry.getLoc(), optimizer, current[parameter], gradient,
          stateValues, counter);
      current[parameter] = updated.front();
      for (auto [suffix, value] :
           llvm::zip(suffixes, ArrayRef<Value>(updated).drop_front()))
        current[parameter + "." + suffix] = value;
    }
    grad->erase();
    loss->erase();
  }

  SmallVector<Value> results(losses);
  for (const auto *group : {&updatedParameters, &state})
    for (const NamedArgument &argument : *group)
      results.push_back(current[argument.name]);
  func::ReturnOp::create(builder, loc, results);

  for (const NamedArgument &parameter : parameters)
    layout.parameters.push_back(parameter.name);
  for (const NamedArgument &entry : state)
    layout.state.push_back(entry.name);
  for (const NamedArgument &input : inputs)
    layout.inputs.push_back(input.name);
  layout.exchangesGradients = options.exchange.has_value();
  return std::make_pair(step, layout);
}

/// Runs `build`, which reports its failures as diagnostics in `context`, and
/// returns them as one Error of `kind` that starts with `summary`.
template <typename T, typename Build>
Expected<T> collectDiagnostics(MLIRContext *context, ErrorKind kind,
                               const std::string &summary, Build build) {
  DiagnosticCollector diagnostics(context);
  FailureOr<T> built = build();
  if (failed(built))
    return diagnostics.error(kind, summary);
  return std::move(*built);
}

} // namespace

Expected<unsigned> lossResultIndex(func::FuncOp func) {
  return collectDiagnostics<unsigned>(
      func.getContext(), ErrorKind::InvalidArgument,
      "cannot find the loss of @" + func.getSymName().str(),
      [&] { return findLossResult(func); });
}

Expected<func::FuncOp> buildLossFirstFunction(func::FuncOp func,
                                              StringRef name) {
  return collectDiagnostics<func::FuncOp>(
      func.getContext(), ErrorKind::InvalidArgument,
      "cannot train @" + func.getSymName().str(),
      [&] { return addLossFirstCopy(func, name); });
}

Expected<std::pair<func::FuncOp, TrainStepLayout>>
buildTrainStep(ModuleOp module, ArrayRef<TrainPhase> phases,
               const Optimizer &optimizer, const TrainStepOptions &options) {
  return collectDiagnostics<std::pair<func::FuncOp, TrainStepLayout>>(
      module.getContext(), ErrorKind::InvalidIR,
      "cannot build the training step",
      [&] { return addTrainStep(module, phases, optimizer, options); });
}

Expected<std::pair<func::FuncOp, TrainStepLayout>>
buildTrainStep(ModuleOp module, ArrayRef<TrainPhase> phases,
               const Optimizer &optimizer, StringRef name) {
  TrainStepOptions options;
  options.name = name.str();
  return buildTrainStep(module, phases, optimizer, options);
}

} // namespace loom::training
