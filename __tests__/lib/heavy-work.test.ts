import { heavyWorkSlot } from '@/lib/heavy-work';

describe('heavy background work', () => {
  it('runs one job at a time, in the order asked, and frees the slot for the next', async () => {
    const order: string[] = [];
    const job = async (name: string, ms: number) => {
      const free = await heavyWorkSlot();
      try {
        order.push(`${name} starts`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        order.push(`${name} ends`);
      } finally {
        free();
      }
    };
    await Promise.all([job('ranking', 30), job('search build', 5), job('refresh', 1)]);
    expect(order).toEqual(['ranking starts', 'ranking ends', 'search build starts', 'search build ends', 'refresh starts', 'refresh ends']);
  });
});
