// tests/worker/resource_discovery_test.cc — which device and cores a worker owns.
#include "worker/resource_discovery.h"

#include <gtest/gtest.h>

namespace autocomp {
namespace {

Placement Worker(int index, int workers) {
  Placement p;
  p.host = "node7";
  p.worker_index = index;
  p.workers_on_node = workers;
  return p;
}

TEST(ResourceDiscoveryTest, CpuCoresAreSplitEvenly) {
  const std::vector<int> all = AllowedCpus();
  ASSERT_FALSE(all.empty());
  std::vector<int> seen;
  const int workers = static_cast<int>(all.size());
  for (int w = 0; w < workers; ++w) {
    Resource r = CpuResourceFor(Worker(w, workers));
    EXPECT_EQ(r.kind, "cpu");
    ASSERT_EQ(r.cpus.size(), 1u);
    seen.push_back(r.cpus[0]);
  }
  EXPECT_EQ(seen, all) << "every core goes to exactly one worker";
  Resource shared = CpuResourceFor(Worker(0, workers + 1));
  EXPECT_NE(shared.description.find("shared"), std::string::npos) << shared.description;
}

TEST(ResourceDiscoveryTest, GpusAreDealtOutByWorkerIndex) {
  auto first = DeviceResourceFor(Worker(0, 2), "gpu", "2,3");
  auto second = DeviceResourceFor(Worker(1, 2), "gpu", "2,3");
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->index, 2);
  EXPECT_EQ(second->index, 3);
  EXPECT_EQ(second->kind, "gpu");
  EXPECT_NE(second->description.find("gpu 3 (CUDA_VISIBLE_DEVICES=2,3)"), std::string::npos) << second->description;
}

TEST(ResourceDiscoveryTest, GpuUuidsAndMigIdsAreSingleDevices) {
  const char* visible = "GPU-8f3c2a1b-0d4e-11ee-be56-0242ac120002,MIG-5c2d9e0f-1a2b-5c3d-8e9f-0a1b2c3d4e5f,3";
  auto uuid = DeviceResourceFor(Worker(0, 3), "gpu", visible);
  auto mig = DeviceResourceFor(Worker(1, 3), "gpu", visible);
  auto plain = DeviceResourceFor(Worker(2, 3), "gpu", visible);
  ASSERT_TRUE(uuid.ok() && mig.ok() && plain.ok()) << uuid.status().ToString() << mig.status().ToString();
  EXPECT_EQ(uuid->device_id, "GPU-8f3c2a1b-0d4e-11ee-be56-0242ac120002");
  EXPECT_EQ(uuid->index, 0);
  EXPECT_EQ(mig->device_id, "MIG-5c2d9e0f-1a2b-5c3d-8e9f-0a1b2c3d4e5f");
  EXPECT_EQ(mig->index, 1);
  EXPECT_EQ(plain->device_id, "3");
  EXPECT_EQ(plain->index, 3);
  EXPECT_FALSE(DeviceResourceFor(Worker(0, 1), "gpu", "2-x").ok());
}

TEST(ResourceDiscoveryTest, NeuronCoreRangesAreExpanded) {
  auto r = DeviceResourceFor(Worker(5, 8), "neuron", "0-3,8-11");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->index, 9);
}

TEST(ResourceDiscoveryTest, TooFewDevicesOrNoneAreClearErrors) {
  auto missing = DeviceResourceFor(Worker(0, 1), "gpu", nullptr);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(), "this backend needs a gpu per worker, but CUDA_VISIBLE_DEVICES is not set on node7");
  auto few = DeviceResourceFor(Worker(2, 3), "gpu", "0,1");
  ASSERT_FALSE(few.ok());
  EXPECT_EQ(few.status().message(),
            "node7: worker 3 of 3 on this node, but CUDA_VISIBLE_DEVICES=0,1 lists only 2 device(s); start one rank "
            "per device (plus the master)");
  EXPECT_FALSE(ResourceFor(Worker(0, 1), "tpu").ok());
}

}  // namespace
}  // namespace autocomp
