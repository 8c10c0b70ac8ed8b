import { afterEach, describe, expect, it, vi } from 'vitest';
import { yieldToMain } from './yield';

afterEach(() => vi.unstubAllGlobals());

describe('yieldToMain', () => {
	it('uses scheduler.yield() where there is one', async () => {
		const schedulerYield = vi.fn(() => Promise.resolve());
		vi.stubGlobal('scheduler', { yield: schedulerYield });
		await yieldToMain();
		expect(schedulerYield).toHaveBeenCalledTimes(1);
	});

	it('else resumes after a task queued before it, not within the same task', async () => {
		vi.stubGlobal('scheduler', undefined);
		const order: string[] = [];
		const earlier = new MessageChannel();
		earlier.port1.onmessage = () => {
			order.push('task queued before');
			earlier.port1.close();
		};
		earlier.port2.postMessage(null);
		await yieldToMain();
		order.push('after the yield');
		expect(order).toEqual(['task queued before', 'after the yield']);
	});
});
