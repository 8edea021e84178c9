/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ak-provider-factory"

#include "config.h"

#include "ak-error.h"
#include "ak-provider-factory.h"

/* One factory for the whole process, installed from the main thread before
 * the first account is opened. */
static AkProviderFactoryFunc factory_func;
static gpointer factory_data;
static GDestroyNotify factory_destroy;

/**
 * ak_provider_factory_install:
 * @func: (nullable): makes a provider for an account, or %NULL for none
 * @user_data: closure data for @func
 * @destroy: (nullable): frees @user_data when another factory replaces this
 *
 * Installs the factory every account session makes its provider with.
 */
void
ak_provider_factory_install (AkProviderFactoryFunc func,
                             gpointer              user_data,
                             GDestroyNotify        destroy)
{
  GDestroyNotify old_destroy = factory_destroy;
  gpointer old_data = factory_data;

  factory_func = func;
  factory_data = user_data;
  factory_destroy = destroy;

  if (old_destroy != NULL)
    old_destroy (old_data);
}

gboolean
ak_provider_factory_is_installed (void)
{
  return factory_func != NULL;
}

/**
 * ak_provider_factory_create:
 * @account: the account
 * @secret: (nullable): its secret
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (nullable): a provider for @account, not signed
 *   in yet, or %NULL when no factory is installed
 */
AkProvider *
ak_provider_factory_create (AkAccount  *account,
                            AkSecret   *secret,
                            GError    **error)
{
  AkProvider *provider;

  g_return_val_if_fail (AK_IS_ACCOUNT (account), NULL);

  if (factory_func == NULL)
    {
      g_set_error_literal (error, AK_ERROR, AK_ERROR_FAILED,
                           ak_error_code_to_message (AK_ERROR_FAILED));
      return NULL;
    }

  provider = factory_func (account, secret, factory_data);
  if (provider == NULL)
    g_set_error_literal (error, AK_ERROR, AK_ERROR_FAILED,
                         ak_error_code_to_message (AK_ERROR_FAILED));

  return provider;
}
