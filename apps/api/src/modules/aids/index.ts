/** The aids context's facade. */
export { loadDemoAids } from './application/demo-aids';
