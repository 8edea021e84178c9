/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-access-rule"

#include "config.h"

#include "ak-access-rule.h"

G_DEFINE_BOXED_TYPE (AkAccessRule, ak_access_rule, ak_access_rule_copy, ak_access_rule_free)

/**
 * ak_access_rule_new:
 * @id: (nullable): the server's ID of the rule
 * @service: (nullable): the service type
 * @method: (nullable): the HTTP method
 * @path: (nullable): the path
 *
 * Returns: (transfer full): a new rule holding copies of the strings
 */
AkAccessRule *
ak_access_rule_new (const char *id,
                    const char *service,
                    const char *method,
                    const char *path)
{
  AkAccessRule *self = g_new0 (AkAccessRule, 1);

  self->id = g_strdup (id);
  self->service = g_strdup (service);
  self->method = g_strdup (method);
  self->path = g_strdup (path);

  return self;
}

AkAccessRule *
ak_access_rule_copy (const AkAccessRule *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return ak_access_rule_new (self->id, self->service, self->method, self->path);
}

void
ak_access_rule_free (AkAccessRule *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->service);
  g_free (self->method);
  g_free (self->path);
  g_free (self);
}
