import './page.css';

/** Which engine a row's object is on, in a list that shows several engines. */
export function EngineTag({ name }: { name: string }) {
  return (
    <span className="engine-tag" data-testid="row-engine">
      {name}
    </span>
  );
}
