// The three QoS levels as select options, worded the same in every form.
export function QosOptions() {
  return (
    <>
      <option value="0">0 · at most once</option>
      <option value="1">1 · at least once</option>
      <option value="2">2 · exactly once</option>
    </>
  );
}
