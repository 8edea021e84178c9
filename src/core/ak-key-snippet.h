/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ak-key.h"
#include "ak-secret.h"

G_BEGIN_DECLS

AkSecret *ak_key_snippet_openrc      (AkKey      *key,
                                      AkSecret   *secret,
                                      const char *auth_url);
AkSecret *ak_key_snippet_clouds_yaml (AkKey      *key,
                                      AkSecret   *secret,
                                      const char *auth_url);

G_END_DECLS
