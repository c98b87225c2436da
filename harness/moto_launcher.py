"""Starts moto's server for metaflow-deploy's second-backend tests, with the gaps that matter to us patched.

Usage: python3 moto_launcher.py PORT

moto is an independent implementation of the AWS APIs; these patches only bring it closer to what AWS does
where our tests depend on it. They never change the action, which must work against AWS as it is.
"""
import sys

from moto.cloudformation import models, responses


# Gap 1: an UPDATE change set that changes nothing. AWS accepts CreateChangeSet and the change set ends FAILED with
# "The submitted information didn't contain changes…"; moto instead rejects CreateChangeSet at once with
# "ValidationError: No updates are to be performed." (the UpdateStack text). Skipping that early check lets moto's
# own backend mark the change set FAILED with AWS's reason.
responses.CloudFormationResponse._validate_different_update = lambda self, *args, **kwargs: None


# Gap 2: ExecuteChangeSet applies resources but keeps the stack's old template, parameters and outputs (CreateStack
# rebuilds them), so DescribeStacks shows no Outputs after a change-set deploy. Record the change set's template and
# parameters on the stack and rebuild the outputs, as CreateStack/UpdateStack do.
_apply = models.ChangeSet.apply


def _apply_and_rebuild_outputs(self):
    stack = self.stack
    stack.template = self.template
    stack._parse_template()
    _apply(self)
    stack.parameters = dict(self.parameters)
    stack.output_map = stack._create_output_map()


models.ChangeSet.apply = _apply_and_rebuild_outputs


# Gap 3: GetTemplate ignores ChangeSetName and returns the stack's template. AWS returns "the associated template"
# of the named change set (GetTemplate API reference, ChangeSetName), which execute compares with its own inputs.
_get_template = responses.CloudFormationResponse.get_template


def _get_template_of_change_set(self):
    name = self._get_param("ChangeSetName")
    if not name:
        return _get_template(self)
    from moto.core.responses import ActionResult

    change_set = self.cloudformation_backend.describe_change_set(name)
    return ActionResult({"TemplateBody": change_set.template})


responses.CloudFormationResponse.get_template = _get_template_of_change_set


if __name__ == "__main__":
    from moto.server import main

    main(["-H", "127.0.0.1", "-p", sys.argv[1]])
