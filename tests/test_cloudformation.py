"""AWS::Connect resources through moto's CloudFormation (issue 12), in both modes.

Every template the suite deploys lives in tests/templates/ and passes cfn-lint, whose bundled
resource schemas are AWS's own; one of them is synthesized by the CDK app in cdk/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cfnlint.api import lint_file

TEMPLATES = Path(__file__).parent / "templates"


@pytest.mark.parametrize("template", sorted(TEMPLATES.iterdir()), ids=lambda path: path.name)
def test_every_template_passes_cfn_lint(template: Path) -> None:
    assert [str(match) for match in lint_file(template)] == []
