import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The first render of a page in a test app loads its lazy extension, Material
// UI styles and the catalog mock, which can take more than a second on a busy
// machine; give findBy* queries and the tests themselves room for that.
configure({ asyncUtilTimeout: 5000 });
jest.setTimeout(20000);
