//===- Optimizers.cpp - Optimizer updates as loom ops ---------------------===//
#include "loom/Training/Optimizers.h"

#include "loom/Dialect/Loom/IR/LoomOps.h"

#include "mlir/IR/BuiltinTypes.h"

#include <fmt/format.h>

#include <cmath>

using namespace mlir;

namespace loom::training {
namespace {

template <class... Ts> struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts> Overloaded(Ts...) -> Overloaded<Ts...>;

/// The update in terms of small helpers that build loom ops on tensors of
/// one type (a parameter's, or rank-0 for the step counter).
class UpdateBuilder {
public:
  UpdateBuilder(OpBuilder &builder, Location loc, Type type)
      : b(builder), loc(loc), type(cast<RankedTensorType>(type)) {}

  Value constant(double value) {
    auto attr = DenseElementsAttr::get(
        type, FloatAttr::get(type.getElementType(), value));
    return ConstantOp::create(b, loc, cast<ElementsAttr>(attr));
  }
  Value add(Value lhs, Value rhs) { return AddOp::create(b, loc, lhs, rhs); }
  Value sub(Value lhs, Value rhs) { return SubOp::create(b, loc, lhs, rhs); }
  Value mul(Value lhs, Value rhs) { return MulOp::create(b, loc, lhs, rhs); }
  Value div(Value lhs, Value rhs) { return DivOp::create(b, loc, lhs, rhs); }
  Value scale(Value x, double factor) { return mul(x, constant(factor)); }
  Value sqrt(Value x) { return SqrtOp::create(b, loc, x); }
  Value pow(Value lhs, Value rhs) { return PowOp::create(b, loc, lhs, rhs); }
  /// A rank-0 tensor of any float type, converted and broadcast to `type`.
  Value broadcast(Value scalar) {
    auto scalarType = cast<RankedTensorType>(scalar.getType());
    if (scalarType.getElementType() != type.getElementType())
      scalar = ConvertOp::create(
          b, loc, RankedTensorType::get({}, type.getElementType()), scalar);
    if (type.getRank() == 0)
      return scalar;
    return BroadcastInDimOp::create(b, loc, type, scalar,
                                    llvm::ArrayRef<int64_t>{});
  }

private:
  OpBuilder &b;
  Location loc;
  RankedTensorType type;
};

SmallVector<Value> emitSGD(UpdateBuilder &u, const SGD &sgd, Value p, Value g,
                           ValueRange state) {
  if (sgd.weightDecay != 0)
    g = u.add(g, u.scale(p, sgd.weightDecay));
  SmallVector<Value> results{Value()};
  if (sgd.momentum != 0) {
    Value buffer = u.add(u.scale(state[0], sgd.momentum), g);
    g = sgd.nesterov ? u.add(g, u.scale(buffer, sgd.momentum)) : buffer;
    results.push_back(buffer);
  }
  results[0] = u.sub(p, u.scale(g, sgd.lr));
  return results;
}

/// Adam's moment and parameter update; weight decay already applied.
SmallVector<Value> emitAdamCore(OpBuilder &b, Location loc, UpdateBuilder &u,
                                double lr, double beta1, double beta2,
                                double eps, Value p, Value g, ValueRange state,
                                Value step) {
  Value expAvg = u.add(u.scale(state[0], beta1), u.scale(g, 1 - beta1));
  Value expAvgSq =
      u.add(u.scale(state[1], beta2), u.scale(u.mul(g, g), 1 - beta2));

  // Bias corrections on the rank-0 counter, then broadcast.
  UpdateBuilder scalar(b, loc, step.getType());
  Value correction1 =
      scalar.sub(scalar.constant(1), scalar.pow(scalar.constant(beta1), step));
  Value correction2 =
      scalar.sub(scalar.constant(1), scalar.pow(scalar.constant(beta2), step));
  Value stepSize = scalar.div(scalar.constant(lr), correction1);
  Value correction2Sqrt = scalar.sqrt(correction2);

  Value denominator = u.add(
      u.div(u.sqrt(expAvgSq), u.broadcast(correction2Sqrt)), u.constant(eps));
  Value newParam =
      u.sub(p, u.mul(u.broadcast(stepSize), u.div(expAvg, denominator)));
  return {newParam, expAvg, expAvgSq};
}

std::string number(double value) { return fmt::format("{:g}", value); }

Error badHyperparameter(const std::string &optimizer, const std::string &name,
                        double value, const std::string &expected) {
  return Error(ErrorKind::InvalidArgument, fmt::format("{}: {} = {} is invalid; expected {}", optimizer,
                           name, number(value), expected));
}

template <class AdamLike>
Expected<void> validateAdam(const std::string &name,
                                      const AdamLike &adam) {
  if (!(adam.lr > 0) || !std::isfinite(adam.lr))
    return badHyperparameter(name, "lr", adam.lr, "a finite value > 0");
  if (!(adam.beta1 >= 0 && adam.beta1 < 1))
    return badHyperparameter(name, "beta1", adam.beta1, "a value in [0, 1)");
  if (!(adam.beta2 >= 0 && adam.beta2 < 1))
    return badHyperparameter(name, "beta2", adam.beta2, "a value in [0, 1)");
  if (!(adam.eps > 0) || !std::isfinite(adam.eps))
    return badHyperparameter(name, "eps", adam.eps, "a finite value > 0");
  if (!(adam.weightDecay >= 0) || !std::isfinite(adam.weightDecay))
    return badHyperparameter(name, "weight_decay", adam.weightDecay,
                             "a finite value >= 0");
  return {};
}

} // namespace

std::string describe(const Optimizer &optimizer) {
  return std::visit(
      Overloaded{
          [](const SGD &sgd) {
            return fmt::format(
                "SGD(lr={}, momentum={}, weight_decay={}, nesterov={})",
                number(sgd.lr), number(sgd.momentum), number(sgd.weightDecay),
                sgd.nesterov ? "True" : "False");
          },
          [](const Adam &adam) {
            return fmt::format(
                "Adam(lr={}, betas=({}, {}), eps={}, weight_decay={})",
                number(adam.lr), number(adam.beta1), number(adam.beta2),
                number(adam.eps), number(adam.weightDecay));
          },
          [](const AdamW &adam) {
            return fmt::format(
                "AdamW(lr={}, betas=({}, {}), eps={}, weight_decay={})",
                number(adam.lr), number(adam.beta1), number(adam.beta2),
                number(adam.eps), number(adam.weightDecay));
          }},
      optimizer);
}

Expected<void> validate(const Optimizer &optimizer) {
  return std::visit(
      Overloaded{
          [](const SGD &sgd) -> Expected<void> {
            if (!(sgd.lr > 0) || !std::isfinite(sgd.lr))
              return badHyperparameter("SGD", "lr", sgd.lr,
                                       "a finite value > 0");
            if (!(sgd.momentum >= 0) || !std::isfinite(sgd.momentum))
              return badHyperparameter("SGD", "momentum", sgd.momentum,
                                       "a finite value >= 0");
            if (!(sgd.weightDecay >= 0) || !std::isfinite(sgd.weightDecay))
              return badHyperparameter("SGD", "weight_decay", sgd.weightDecay,
                                       "a finite value >= 0");
            if (sgd.nesterov && sgd.momentum == 0)
              return Error(ErrorKind::InvalidArgument, "SGD: nesterov needs a momentum > 0");
            return {};
          },
          [](const Adam &adam) { return validateAdam("Adam", adam); },
          [](const AdamW &adam) { return validateAdam("AdamW", adam); }},
      optimizer);
}

std::vector<std::string> perParameterState(const Optimizer &optimizer) {
  if (const auto *sgd = std::get_if<SGD>(&optimizer))
    return sgd->momentum != 0 ? std::vector<std::string>{"momentum_buffer"}
                              : std::vector<std::string>{};
  return {"exp_avg", "exp_avg_sq"};
}

bool usesStepCounter(const Optimizer &optimizer) {
  return !std::holds_alternative<SGD>(optimizer);
}

SmallVector<Value> emitParameterUpdate(OpBuilder &builder, Location loc,
                                       const Optimizer &optimizer,
                                       Value parameter, Value gradient,
                                       ValueRange state, Value step) {
  UpdateBuilder u(builder, loc, parameter.getType());
  return std::visit(
      Overloaded{
          [&](const SGD &sgd) {
            return emitSGD(u, sgd, parameter, gradient, state);
          },
          [&](const Adam &adam) {
            Value g = gradient;
            if (adam.weightDecay != 0)
              g = u.add(g, u.scale(parameter, adam.weightDecay));
            return emitAdamCore(builder, loc, u, adam.lr, adam.beta1,
                                adam.beta2, adam.eps, parameter, g, state,
                                step);
          },
          [&](const AdamW &adam) {
            Value p = parameter;
            if (adam.weightDecay != 0)
              p = u.scale(p, 1 - adam.lr * adam.weightDecay);
            return emitAdamCore(builder, loc, u, adam.lr, adam.beta1,
                                adam.beta2, adam.eps, p, gradient, state,
                                step);
          }},
      optimizer);
}

} // namespace loom::training
