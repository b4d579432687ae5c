import { render } from 'preact';

function Popup() {
  return <button>Clip this page</button>;
}

render(<Popup />, document.getElementById('app')!);
