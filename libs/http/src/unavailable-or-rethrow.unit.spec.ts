import { ApiError } from './api-error';
import { unavailableOrRethrow } from './dependency-unavailable';

describe('unavailableOrRethrow: a route in its own words when a dependency is down, never a 503 for a bug', () => {
  it('given a refused connection, when mapped, then 503 DEPENDENCY_UNAVAILABLE with the route`s message', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    let thrown: unknown;
    try {
      unavailableOrRethrow(refused, 'Layanan pelacakan sedang tidak tersedia.');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    expect((thrown as ApiError).body).toMatchObject({
      statusCode: 503,
      code: 'DEPENDENCY_UNAVAILABLE',
      message: 'Layanan pelacakan sedang tidak tersedia.',
    });
  });

  it('given a bug (a TypeError), when mapped, then the same error goes on, for the filter to answer 500', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'status')");
    expect(() => unavailableOrRethrow(bug, 'x')).toThrow(bug);
  });
});
