//===- TensorTest.cpp - loom::Tensor and DType ----------------------------===//
#include "loom/Runtime/Tensor.h"

#include <gtest/gtest.h>

#include <cstdint>

using loom::DType;
using loom::Tensor;

namespace {

TEST(DTypeTest, NamesAndSizes) {
  EXPECT_EQ(loom::dtypeName(DType::F32), "f32");
  EXPECT_EQ(loom::dtypeName(DType::F64), "f64");
  EXPECT_EQ(loom::dtypeName(DType::I1), "i1");
  EXPECT_EQ(loom::dtypeName(DType::I32), "i32");
  EXPECT_EQ(loom::dtypeName(DType::I64), "i64");
  EXPECT_EQ(loom::dtypeSize(DType::F32), 4u);
  EXPECT_EQ(loom::dtypeSize(DType::F64), 8u);
  EXPECT_EQ(loom::dtypeSize(DType::I1), 1u);
  EXPECT_EQ(loom::dtypeSize(DType::I32), 4u);
  EXPECT_EQ(loom::dtypeSize(DType::I64), 8u);
  EXPECT_TRUE(loom::isFloatDType(DType::F64));
  EXPECT_FALSE(loom::isFloatDType(DType::I32));
}

TEST(TensorTest, ZerosIsAlignedAndZeroFilled) {
  Tensor tensor = Tensor::zeros({3, 5}, DType::F64);
  EXPECT_EQ(tensor.shape(), (std::vector<int64_t>{3, 5}));
  EXPECT_EQ(tensor.rank(), 2);
  EXPECT_EQ(tensor.dtype(), DType::F64);
  EXPECT_EQ(tensor.numElements(), 15);
  EXPECT_EQ(tensor.numBytes(), 120u);
  EXPECT_FALSE(tensor.isBorrowed());
  EXPECT_EQ(reinterpret_cast<uintptr_t>(tensor.rawData()) % loom::kTensorAlignment,
            0u);
  for (double value : tensor.toVector<double>())
    EXPECT_EQ(value, 0.0);
}

TEST(TensorTest, EmptyShapeStillHasAnAlignedBuffer) {
  Tensor tensor = Tensor::zeros({4, 0}, DType::I32);
  EXPECT_EQ(tensor.numElements(), 0);
  EXPECT_EQ(tensor.numBytes(), 0u);
  EXPECT_NE(tensor.rawData(), nullptr);
}

TEST(TensorTest, FromVectorKeepsRowMajorOrder) {
  Tensor tensor = Tensor::fromVector<int32_t>({2, 3}, {1, 2, 3, 4, 5, 6});
  EXPECT_EQ(tensor.dtype(), DType::I32);
  EXPECT_EQ(tensor.data<int32_t>()[4], 5);
  EXPECT_EQ(tensor.toVector<int32_t>(), (std::vector<int32_t>{1, 2, 3, 4, 5, 6}));
}

TEST(TensorTest, ScalarHasRankZero) {
  Tensor tensor = Tensor::scalar<int64_t>(42);
  EXPECT_EQ(tensor.rank(), 0);
  EXPECT_EQ(tensor.numElements(), 1);
  EXPECT_EQ(tensor.data<int64_t>()[0], 42);
  EXPECT_EQ(tensor.typeString(), "tensor<i64>");
}

TEST(TensorTest, TypeString) {
  EXPECT_EQ(Tensor::zeros({2, 3}, DType::F32).typeString(), "tensor<2x3xf32>");
  EXPECT_EQ(Tensor::zeros({7}, DType::I1).typeString(), "tensor<7xi1>");
}

TEST(TensorTest, WrongElementTypeThrows) {
  Tensor tensor = Tensor::zeros({2}, DType::F32);
  EXPECT_THROW(tensor.data<double>(), loom::Error);
  EXPECT_THROW(tensor.toVector<int32_t>(), loom::Error);
  try {
    tensor.data<int64_t>();
    FAIL() << "expected an error";
  } catch (const loom::Error &error) {
    EXPECT_EQ(error.message(), "cannot access tensor<2xf32> as i64 elements");
  }
}

TEST(TensorTest, InvalidShapesThrow) {
  EXPECT_THROW(Tensor::zeros({2, -1}), loom::Error);
  EXPECT_THROW(Tensor::fromVector<float>({2, 2}, {1, 2, 3}), loom::Error);
}

TEST(TensorTest, CopiesShareTheBufferAndCloneDoesNot) {
  Tensor original = Tensor::fromVector<float>({2}, {1, 2});
  Tensor alias = original;
  Tensor copy = original.clone();
  original.data<float>()[0] = 9;
  EXPECT_EQ(alias.data<float>()[0], 9);
  EXPECT_EQ(copy.data<float>()[0], 1);
  EXPECT_NE(copy.rawData(), original.rawData());
}

TEST(TensorTest, BorrowWrapsCallerMemory) {
  alignas(8) double storage[6] = {0, 1, 2, 3, 4, 5};
  Tensor tensor = Tensor::borrow(storage, {2, 3}, DType::F64);
  EXPECT_TRUE(tensor.isBorrowed());
  EXPECT_EQ(tensor.rawData(), storage);
  tensor.data<double>()[5] = 50;
  EXPECT_EQ(storage[5], 50);
  Tensor owned = tensor.clone();
  EXPECT_FALSE(owned.isBorrowed());
  EXPECT_EQ(owned.toVector<double>()[5], 50);
}

TEST(TensorTest, BorrowRejectsMisalignedAndNullData) {
  alignas(8) char bytes[16] = {};
  EXPECT_THROW(Tensor::borrow(bytes + 1, {2}, DType::F32), loom::Error);
  EXPECT_THROW(Tensor::borrow(nullptr, {2}, DType::F32), loom::Error);
  EXPECT_NO_THROW(Tensor::borrow(nullptr, {0}, DType::F32));
}

} // namespace

TEST(TensorTest, ElementAsDoubleReadsEveryDType) {
  EXPECT_EQ(loom::Tensor::fromVector<float>({2}, {1.5f, -2.0f}).elementAsDouble(1), -2.0);
  EXPECT_EQ(loom::Tensor::fromVector<double>({1}, {0.1}).elementAsDouble(0), 0.1);
  EXPECT_EQ(loom::Tensor::fromVector<bool>({2}, {false, true}).elementAsDouble(1), 1.0);
  EXPECT_EQ(loom::Tensor::fromVector<int32_t>({1}, {-7}).elementAsDouble(0), -7.0);
  EXPECT_EQ(loom::Tensor::fromVector<int64_t>({1}, {int64_t(1) << 40}).elementAsDouble(0),
            1099511627776.0);
}
