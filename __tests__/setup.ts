import { Testing } from 'cdktf';

// The cdktf jest matchers (toHaveResource, toHaveResourceWithProperties, toBeValidTerraform, ...).
Testing.setupJest();
