/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "ak-account.h"
#include "ak-secret.h"

G_BEGIN_DECLS

#define AK_TYPE_CLOUD_CONFIG (ak_cloud_config_get_type ())

/* One cloud found in an OpenStack configuration a person already has
 * (clouds.yaml with secure.yaml, or an openrc file): where and as whom to
 * sign in, and the password or application-credential secret when the file
 * holds one. The secret is wiped when the object goes; nothing here is
 * ever saved as it is (the account dialog signs in with it first). */
G_DECLARE_FINAL_TYPE (AkCloudConfig, ak_cloud_config, AK, CLOUD_CONFIG, GObject)

const char  *ak_cloud_config_get_name                      (AkCloudConfig *self);
const char  *ak_cloud_config_get_path                      (AkCloudConfig *self);
const char  *ak_cloud_config_get_auth_url                  (AkCloudConfig *self);
const char  *ak_cloud_config_get_auth_type                 (AkCloudConfig *self);
gboolean     ak_cloud_config_is_supported                  (AkCloudConfig *self);
AkAuthKind   ak_cloud_config_get_auth_kind                 (AkCloudConfig *self);
const char  *ak_cloud_config_get_username                  (AkCloudConfig *self);
const char  *ak_cloud_config_get_user_domain               (AkCloudConfig *self);
const char  *ak_cloud_config_get_project_name              (AkCloudConfig *self);
const char  *ak_cloud_config_get_project_id                (AkCloudConfig *self);
const char  *ak_cloud_config_get_project_domain            (AkCloudConfig *self);
const char  *ak_cloud_config_get_region                    (AkCloudConfig *self);
const char  *ak_cloud_config_get_profile                   (AkCloudConfig *self);
const char  *ak_cloud_config_get_application_credential_id (AkCloudConfig *self);
AkSecret    *ak_cloud_config_get_secret                    (AkCloudConfig *self);

G_END_DECLS
