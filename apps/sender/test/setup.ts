/**
 * Before every unit test file: passwords hashed at a low scrypt cost in this process (see
 * useHashCostForTests; the CLI processes the tests start keep the real cost).
 */
import { useHashCostForTests } from '../src/passwords.js';

useHashCostForTests(10);
