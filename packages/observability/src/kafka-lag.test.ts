import { describe, expect, it } from 'vitest';
import { type KafkaLagAdmin, kafkaLagSource, partitionLag } from './kafka-lag.ts';

describe('partitionLag', () => {
  it('is the distance from the committed offset to the high watermark', () => {
    expect(partitionLag('40', '100', '0')).toBe(60);
  });
  it('counts every retained message when the group has committed nothing', () => {
    expect(partitionLag('-1', '100', '30')).toBe(70);
    expect(partitionLag(undefined, '100', '30')).toBe(70);
  });
  it('is never negative', () => {
    expect(partitionLag('120', '100', '0')).toBe(0);
  });
});

describe('kafkaLagSource', () => {
  it('turns kafkajs admin offsets into one lag sample per partition of each topic', async () => {
    const admin: KafkaLagAdmin = {
      fetchTopicOffsets: async (topic) =>
        topic === 'dev.page.fetched.v1'
          ? [
              { partition: 0, offset: '10', high: '10', low: '0' },
              { partition: 1, offset: '25', high: '25', low: '5' },
            ]
          : [{ partition: 0, offset: '4', high: '4', low: '0' }],
      fetchOffsets: async ({ topics }) =>
        topics.map((topic) => ({
          topic,
          partitions:
            topic === 'dev.page.fetched.v1'
              ? [
                  { partition: 0, offset: '7' },
                  { partition: 1, offset: '-1' },
                ]
              : [],
        })),
    };
    const source = kafkaLagSource({
      admin,
      groupId: 'abep-extractor',
      topics: ['dev.page.fetched.v1', 'dev.crawl.finished.v1'],
    });
    expect(await source()).toEqual([
      { topic: 'dev.page.fetched.v1', partition: 0, group: 'abep-extractor', lag: 3 },
      { topic: 'dev.page.fetched.v1', partition: 1, group: 'abep-extractor', lag: 20 },
      { topic: 'dev.crawl.finished.v1', partition: 0, group: 'abep-extractor', lag: 4 },
    ]);
  });
});
