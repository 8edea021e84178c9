/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ak-cloud-config.h"

G_BEGIN_DECLS

/* The fields the parsers fill in, in one table-like struct so that each
 * parser sets what its file has and nothing is listed twice. */
typedef struct
{
  char     *name;
  char     *path;
  char     *auth_url;
  char     *auth_type;
  char     *username;
  char     *user_domain;
  char     *project_name;
  char     *project_id;
  char     *project_domain;
  char     *region;
  char     *profile;
  char     *application_credential_id;
  AkSecret *secret;
} AkCloudConfigFields;

AkCloudConfig *_ak_cloud_config_new        (AkCloudConfigFields *fields);
void           _ak_cloud_config_fields_clear (AkCloudConfigFields *fields);
gboolean       _ak_cloud_config_auth_type_is_app_cred (const char   *auth_type);

G_END_DECLS
