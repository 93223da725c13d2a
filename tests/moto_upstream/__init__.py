"""moto's own connect tests, vendored unchanged (see test_connect.py's header), run with the plugin."""
